package io.gristmill.directory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Who an employee is in each tool, so that work done there is credited to them.
 *
 * @param salesforceUserId the Salesforce User id ({@code 005...}, 15 or 18 characters)
 * @param frontTeammateId  the Front teammate id ({@code tea_...})
 */
public record Identities(String salesforceUserId, String frontTeammateId) {
    private static final Pattern SALESFORCE_USER = Pattern.compile("005[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?");
    private static final Pattern FRONT_TEAMMATE = Pattern.compile("tea_[A-Za-z0-9]{1,32}");

    public static final Identities NONE = new Identities(null, null);

    public Identities {
        if (salesforceUserId != null && !SALESFORCE_USER.matcher(salesforceUserId).matches()) {
            throw new IllegalArgumentException("salesforceUserId '" + salesforceUserId + "' is not a Salesforce User id (005...)");
        }
        if (frontTeammateId != null && !FRONT_TEAMMATE.matcher(frontTeammateId).matches()) {
            throw new IllegalArgumentException("frontTeammateId '" + frontTeammateId + "' is not a Front teammate id (tea_...)");
        }
    }

    /** Provider name to external id, for the ones that are set. */
    Map<IdentityKind, String> asMap() {
        Map<IdentityKind, String> map = new LinkedHashMap<>();
        if (salesforceUserId != null) {
            // Salesforce ids are case-sensitive in 15-char form; the 18-char form is canonical.
            map.put(IdentityKind.SALESFORCE, salesforceUserId);
        }
        if (frontTeammateId != null) {
            map.put(IdentityKind.FRONT, frontTeammateId);
        }
        return map;
    }
}
