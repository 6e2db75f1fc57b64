package io.gristmill.salesforce;

/** The tenant's Salesforce connection no longer works until an admin connects again. */
public class ConnectionNeedsReauthException extends SalesforceException {
    public ConnectionNeedsReauthException(String tenantId) {
        super("The Salesforce connection of tenant " + tenantId + " needs an admin to reconnect");
    }
}
