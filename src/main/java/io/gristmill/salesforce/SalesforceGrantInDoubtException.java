package io.gristmill.salesforce;

/**
 * A token request reached Salesforce but its answer was lost (read timeout, broken connection):
 * Salesforce may have honoured it. Never retried blindly: with refresh-token rotation the old
 * refresh token is invalid once used.
 */
public class SalesforceGrantInDoubtException extends SalesforceUnavailableException {
    public SalesforceGrantInDoubtException(String message) {
        super(message);
    }
}
