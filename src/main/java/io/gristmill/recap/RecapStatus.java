package io.gristmill.recap;

import java.util.Locale;

/** A recap version is a draft until its employee confirms it; only confirmed versions reach managers. */
public enum RecapStatus {
    DRAFT, CONFIRMED;

    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
