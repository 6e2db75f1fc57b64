package io.gristmill.front;

import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import io.gristmill.connect.ConnectionStore;
import io.gristmill.sync.TenantFanOut;
import io.quarkus.funqy.Funq;

/**
 * The {@code front-reconcile} Lambda, run by an EventBridge schedule: reconciles every tenant
 * with Front connected, a few at once, each within its own deadline. One tenant's failure is
 * logged and reported and does not stop the others.
 */
public class FrontReconcileFunction {
    private static final Logger LOG = Logger.getLogger(FrontReconcileFunction.class);

    private final ConnectionStore connections;
    private final FrontReconciler reconciler;
    private final FrontConfig config;

    public FrontReconcileFunction(ConnectionStore connections, FrontReconciler reconciler, FrontConfig config) {
        this.connections = connections;
        this.reconciler = reconciler;
        this.config = config;
    }

    @Funq("front-reconcile")
    public List<ReconcileReport> frontReconcile(Map<String, Object> scheduledEvent) {
        List<String> tenants = connections.connectedTenants(FrontSecret.PROVIDER);
        return TenantFanOut.run(tenants, config.reconcileConcurrency(), this::reconcileOne);
    }

    private ReconcileReport reconcileOne(String tenant) {
        try {
            return reconciler.reconcile(tenant);
        } catch (FrontNotConnectedException e) {
            LOG.infof("Front reconciliation of tenant %s skipped: %s", tenant, e.getMessage());
            return ReconcileReport.failed(tenant, e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Front reconciliation of tenant %s failed; the next run resumes from its cursor", tenant);
            return ReconcileReport.failed(tenant, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
