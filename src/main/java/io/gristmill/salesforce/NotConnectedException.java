package io.gristmill.salesforce;

/** The tenant has no Salesforce connection (never connected, or disconnected). */
public class NotConnectedException extends RuntimeException {
    public NotConnectedException(String tenantId) {
        super("Tenant " + tenantId + " has no Salesforce connection");
    }
}
