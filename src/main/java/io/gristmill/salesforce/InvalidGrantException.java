package io.gristmill.salesforce;

/**
 * {@code invalid_grant}: the code or refresh token is expired, revoked or rotated away. Retrying
 * cannot fix it; for a stored connection the admin has to reconnect.
 */
public class InvalidGrantException extends SalesforceOAuthException {
    public InvalidGrantException(String description) {
        super("Salesforce refused the grant: " + description);
    }
}
