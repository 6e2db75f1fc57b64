package io.gristmill.salesforce;

/** A usable Salesforce access token and the org's API host. {@link #toString()} hides the token. */
public record AccessToken(String tenantId, String value, String instanceUrl) {
    @Override
    public String toString() {
        return "AccessToken[tenantId=" + tenantId + ", instanceUrl=" + instanceUrl + "]";
    }
}
