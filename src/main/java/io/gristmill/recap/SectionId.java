package io.gristmill.recap;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The parts of a recap a template can choose. */
public enum SectionId {
    SALES, CUSTOMERS, CALLS, HIGHLIGHTS;

    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static SectionId fromId(String id) {
        for (SectionId section : values()) {
            if (section.id().equals(id)) {
                return section;
            }
        }
        throw new IllegalArgumentException("sections: '" + id + "' is not known; known: "
                + Arrays.stream(values()).map(SectionId::id).collect(Collectors.joining(", ")));
    }
}
