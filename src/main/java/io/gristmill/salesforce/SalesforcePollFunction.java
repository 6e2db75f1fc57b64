package io.gristmill.salesforce;

import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import io.gristmill.connection.ConnectionStore;
import io.gristmill.sync.TenantFanOut;
import io.quarkus.funqy.Funq;

/**
 * The {@code salesforce-poll} Lambda, run by an EventBridge schedule: polls every connected
 * tenant, several at once ({@code gristmill.salesforce.poll-concurrency}) and each within its own
 * deadline, so that a slow org neither delays the others nor runs past the invocation; what a
 * tenant did not finish continues in the next cycle from its cursors. A tenant whose poll fails is
 * logged and reported, and does not stop the others.
 */
public class SalesforcePollFunction {
    private static final Logger LOG = Logger.getLogger(SalesforcePollFunction.class);

    private final ConnectionStore connections;
    private final SalesforcePoller poller;
    private final SalesforceConfig config;
    private final io.gristmill.config.GristmillConfig gristmill;
    private final java.time.Clock clock;

    public SalesforcePollFunction(ConnectionStore connections, SalesforcePoller poller, SalesforceConfig config,
            io.gristmill.config.GristmillConfig gristmill, java.time.Clock clock) {
        this.connections = connections;
        this.poller = poller;
        this.config = config;
        this.gristmill = gristmill;
        this.clock = clock;
    }

    @Funq("salesforce-poll")
    public List<PollReport> salesforcePoll(Map<String, Object> scheduledEvent) {
        List<String> tenants = connections.connectedTenants(SalesforceSecret.PROVIDER);
        return TenantFanOut.run(tenants, config.pollConcurrency(), clock, clock.instant().plus(gristmill.schedules().startWithin()),
                this::pollOne, tenant -> new PollReport(tenant, 0, 0, 0, 0, Map.of("*", "not started: this run's time was up; next cycle"),
                        false, false));
    }

    private PollReport pollOne(String tenant) {
        try {
            return poller.poll(tenant);
        } catch (ConnectionNeedsReauthException | NotConnectedException e) {
            LOG.infof("Salesforce poll of tenant %s skipped: %s", tenant, e.getMessage());
            return new PollReport(tenant, 0, 0, 0, 0, Map.of("*", e.getMessage()), false, false);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Salesforce poll of tenant %s failed; the next cycle resumes from its cursors", tenant);
            return new PollReport(tenant, 0, 0, 0, 0, Map.of("*", e.getClass().getSimpleName() + ": " + e.getMessage()), false, false);
        }
    }
}
