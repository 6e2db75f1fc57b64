package io.gristmill.front;

/**
 * What one reconciliation of one tenant did.
 *
 * @param stored     events stored now (webhooks had missed them)
 * @param duplicates events already stored (by a webhook or an earlier overlapping run)
 * @param caughtUp   whether it read to the end of Front's events
 * @param stopped    why it stopped early (rate limit, deadline, error), or null
 */
public record ReconcileReport(String tenantId, int apiCalls, int teammates, int eventsRead, int stored, int duplicates, int ignored,
        boolean caughtUp, String stopped, boolean alreadyRunning) {

    static ReconcileReport busy(String tenantId) {
        return new ReconcileReport(tenantId, 0, 0, 0, 0, 0, 0, false, "another reconciliation of this tenant is running", true);
    }

    static ReconcileReport failed(String tenantId, String why) {
        return new ReconcileReport(tenantId, 0, 0, 0, 0, 0, 0, false, why, false);
    }
}
