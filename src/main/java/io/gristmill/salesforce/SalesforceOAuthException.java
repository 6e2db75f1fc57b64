package io.gristmill.salesforce;

/** Salesforce's OAuth server refused or failed a request; the message is safe to show an admin. */
public class SalesforceOAuthException extends RuntimeException {
    public SalesforceOAuthException(String message) {
        super(message);
    }
}
