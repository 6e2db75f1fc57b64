package io.gristmill.salesforce;

/** Salesforce did not answer usefully (timeout, connection reset, 5xx): worth a bounded retry. */
public class SalesforceUnavailableException extends SalesforceOAuthException {
    public SalesforceUnavailableException(String message) {
        super(message);
    }
}
