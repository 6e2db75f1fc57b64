package io.gristmill.salesforce;

import java.util.HashMap;
import java.util.Map;

/**
 * What Salesforce's token endpoint answered. {@link #toString()} shows no token.
 *
 * @param refreshToken absent on a refresh without rotation (keep the old one)
 * @param identityUrl  {@code https://<login>/id/<orgId>/<userId>}
 * @param issuedAt     epoch milliseconds, as Salesforce sends it
 */
public record SalesforceTokenSet(String accessToken, String refreshToken, String instanceUrl, String identityUrl,
        String issuedAt, String signature) {

    public String orgId() {
        return identityPart(2);
    }

    public String userId() {
        return identityPart(1);
    }

    private String identityPart(int fromEnd) {
        String[] parts = identityUrl == null ? new String[0] : identityUrl.split("/");
        if (parts.length < 3 || !"id".equals(parts[parts.length - 3])) {
            throw new SalesforceOAuthException("Salesforce answered with an unexpected id URL");
        }
        return parts[parts.length - fromEnd];
    }

    static SalesforceTokenSet from(Map<String, Object> body) {
        return new SalesforceTokenSet(str(body, "access_token"), str(body, "refresh_token"), str(body, "instance_url"),
                str(body, "id"), str(body, "issued_at"), str(body, "signature"));
    }

    private static String str(Map<String, Object> body, String key) {
        Object value = body.get(key);
        return value == null ? null : value.toString();
    }

    /** Fields as stored in the tenant's secret (the refresh token kept when none is new). */
    public Map<String, String> secretFields(String loginHost, String keptRefreshToken) {
        Map<String, String> fields = new HashMap<>();
        fields.put(SalesforceSecret.ACCESS_TOKEN, accessToken);
        fields.put(SalesforceSecret.REFRESH_TOKEN, refreshToken != null ? refreshToken : keptRefreshToken);
        fields.put(SalesforceSecret.INSTANCE_URL, instanceUrl);
        fields.put(SalesforceSecret.ORG_ID, orgId());
        fields.put(SalesforceSecret.USER_ID, userId());
        fields.put(SalesforceSecret.ISSUED_AT, issuedAt);
        fields.put(SalesforceSecret.LOGIN_HOST, loginHost);
        return fields;
    }

    @Override
    public String toString() {
        return "SalesforceTokenSet[instanceUrl=" + instanceUrl + ", identityUrl=" + identityUrl + ", issuedAt=" + issuedAt
                + ", rotated=" + (refreshToken != null) + "]";
    }
}
