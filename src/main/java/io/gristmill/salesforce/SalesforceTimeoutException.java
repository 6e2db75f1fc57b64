package io.gristmill.salesforce;

/**
 * A query sent to Salesforce got no answer within the read timeout. Sending the same query again
 * would most likely take as long: the poller narrows its time window instead, as for
 * {@code QUERY_TIMEOUT}, which Salesforce itself only answers after minutes.
 */
public class SalesforceTimeoutException extends SalesforceUnavailableException {
    public SalesforceTimeoutException(String message) {
        super(message);
    }
}
