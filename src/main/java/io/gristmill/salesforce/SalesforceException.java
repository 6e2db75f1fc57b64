package io.gristmill.salesforce;

/** The root of everything Salesforce (or our connection to it) can fail with, so callers can catch the provider as one. */
public abstract class SalesforceException extends RuntimeException {
    protected SalesforceException(String message) {
        super(message);
    }

    protected SalesforceException(String message, Throwable cause) {
        super(message, cause);
    }
}
