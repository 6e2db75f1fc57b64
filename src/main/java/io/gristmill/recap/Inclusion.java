package io.gristmill.recap;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Optional parts of a recap that appear only when a request, a template or the tenant default asks for them. */
public enum Inclusion {
    /** Calls logged in Salesforce: count, total talk time, outcomes. */
    SALESFORCE_CALLS("salesforce.calls"),
    /** Calls through Front: handled and missed. */
    FRONT_CALLS("front.calls");

    private final String id;

    Inclusion(String id) {
        this.id = id;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
        return id;
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static Inclusion fromId(String id) {
        for (Inclusion inclusion : values()) {
            if (inclusion.id.equals(id)) {
                return inclusion;
            }
        }
        throw new IllegalArgumentException("include: '" + id + "' is not known; known: " + known());
    }

    static String known() {
        return Arrays.stream(values()).map(Inclusion::id).collect(Collectors.joining(", "));
    }
}
