package io.gristmill.directory;

import java.util.Locale;

/** The kinds of external identity that map to an employee. */
public enum IdentityKind {
    SALESFORCE,
    FRONT,
    /** Work e-mail address, compared in lower case. */
    EMAIL;

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    String normalize(String externalId) {
        return this == EMAIL ? externalId.trim().toLowerCase(Locale.ROOT) : externalId;
    }
}
