package io.gristmill.directory;

import java.util.Locale;

/**
 * Who last set a directory field: an admin in Gristmill, or a provider's directory sync. Provider
 * syncs leave fields an admin set alone unless the tenant opted in ({@code directory.providersOverrideAdmin}).
 */
public enum FieldSource {
    ADMIN,
    SALESFORCE,
    FRONT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FieldSource fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
