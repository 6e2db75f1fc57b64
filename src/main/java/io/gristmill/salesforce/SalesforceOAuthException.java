package io.gristmill.salesforce;

/** Salesforce's OAuth server refused or failed a request; the message is safe to show an admin. */
public class SalesforceOAuthException extends SalesforceException {
    public SalesforceOAuthException(String message) {
        super(message);
    }
}
