package io.gristmill.front;

import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import io.gristmill.connection.ConnectionStore;
import io.gristmill.sync.TenantFanOut;
import io.quarkus.funqy.Funq;

/**
 * The {@code front-reconcile} Lambda, run by an EventBridge schedule: reconciles every tenant
 * with Front connected, a few at once, each within its own deadline, then puts what the tenant
 * stored before conversation digests existed into them (once). One tenant's failure is logged and
 * reported and does not stop the others.
 */
public class FrontReconcileFunction {
    private static final Logger LOG = Logger.getLogger(FrontReconcileFunction.class);

    private final ConnectionStore connections;
    private final FrontReconciler reconciler;
    private final ConversationDigestBackfill digests;
    private final FrontConfig config;
    private final io.gristmill.config.GristmillConfig gristmill;
    private final java.time.Clock clock;

    public FrontReconcileFunction(ConnectionStore connections, FrontReconciler reconciler, ConversationDigestBackfill digests,
            FrontConfig config, io.gristmill.config.GristmillConfig gristmill, java.time.Clock clock) {
        this.digests = digests;
        this.connections = connections;
        this.reconciler = reconciler;
        this.config = config;
        this.gristmill = gristmill;
        this.clock = clock;
    }

    @Funq("front-reconcile")
    public List<ReconcileReport> frontReconcile(Map<String, Object> scheduledEvent) {
        List<String> tenants = connections.connectedTenants(FrontSecret.PROVIDER);
        return TenantFanOut.run(tenants, config.reconcileConcurrency(), clock, clock.instant().plus(gristmill.schedules().startWithin()),
                this::reconcileOne, tenant -> ReconcileReport.failed(tenant, "not started: this run's time was up; next run"));
    }

    private ReconcileReport reconcileOne(String tenant) {
        try {
            ReconcileReport report = reconciler.reconcile(tenant);
            digests.run(tenant, clock.instant().plus(config.digestBackfillBudget()));
            return report;
        } catch (FrontNotConnectedException e) {
            LOG.infof("Front reconciliation of tenant %s skipped: %s", tenant, e.getMessage());
            return ReconcileReport.failed(tenant, e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Front reconciliation of tenant %s failed; the next run resumes from its cursor", tenant);
            return ReconcileReport.failed(tenant, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
