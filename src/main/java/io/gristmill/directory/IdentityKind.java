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

    /** A provider account kind by its id ({@code salesforce}, {@code front}); e-mail is not one. */
    static java.util.Optional<IdentityKind> provider(String id) {
        return java.util.Arrays.stream(values()).filter(k -> k != EMAIL && k.id().equals(id)).findFirst();
    }

    String normalize(String externalId) {
        return this == EMAIL ? externalId.trim().toLowerCase(Locale.ROOT) : externalId;
    }
}
