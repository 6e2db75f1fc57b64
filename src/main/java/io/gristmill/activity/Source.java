package io.gristmill.activity;

import java.util.Locale;

/** The tools Gristmill reads. */
public enum Source {
    SALESFORCE,
    FRONT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Source fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
