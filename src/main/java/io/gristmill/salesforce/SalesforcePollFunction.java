package io.gristmill.salesforce;

import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import io.gristmill.connect.ConnectionStore;
import io.quarkus.funqy.Funq;

/**
 * The {@code salesforce-poll} Lambda, run by an EventBridge schedule: polls every connected
 * tenant. A tenant whose poll fails is logged and does not stop the others.
 */
public class SalesforcePollFunction {
    private static final Logger LOG = Logger.getLogger(SalesforcePollFunction.class);

    private final ConnectionStore connections;
    private final SalesforcePoller poller;

    public SalesforcePollFunction(ConnectionStore connections, SalesforcePoller poller) {
        this.connections = connections;
        this.poller = poller;
    }

    @Funq("salesforce-poll")
    public List<PollReport> salesforcePoll(Map<String, Object> scheduledEvent) {
        List<String> tenants = connections.connectedTenants(SalesforceSecret.PROVIDER);
        return tenants.stream().map(tenant -> {
            try {
                return poller.poll(tenant);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Salesforce poll of tenant %s failed", tenant);
                return new PollReport(tenant, 0, 0, 0, 0, Map.of("*", e.getClass().getSimpleName() + ": " + e.getMessage()), false, false);
            }
        }).toList();
    }
}
