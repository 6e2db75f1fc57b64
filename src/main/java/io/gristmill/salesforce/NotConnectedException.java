package io.gristmill.salesforce;

/** The tenant has no Salesforce connection (never connected, or disconnected). */
public class NotConnectedException extends SalesforceException {
    public NotConnectedException(String tenantId) {
        super("Tenant " + tenantId + " has no Salesforce connection");
    }
}
