package io.gristmill.salesforce;

/**
 * Salesforce answered {@code 401 INVALID_SESSION_ID}: the access token's session ended. Thrown by
 * API clients; {@link SalesforceTokens#withAccessToken} refreshes once and retries.
 */
public class SessionExpiredException extends SalesforceException {
    public SessionExpiredException() {
        super("Salesforce session expired or invalid (INVALID_SESSION_ID)");
    }
}
