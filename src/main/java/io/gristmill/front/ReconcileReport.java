package io.gristmill.front;

import java.time.Instant;
import java.util.Optional;

/**
 * What one reconciliation of one tenant did.
 *
 * @param stored     events stored now (webhooks had missed them)
 * @param duplicates events already stored (by a webhook or an earlier overlapping run)
 * @param caughtUp   whether it read to the end of Front's events
 * @param stopped    why it stopped early (rate limit, deadline, error), or null
 * @param cursorAt   where the events cursor stands after the run (null: never set, or no run: another was running)
 */
public record ReconcileReport(String tenantId, int apiCalls, int teammates, int eventsRead, int stored, int duplicates, int ignored,
        boolean caughtUp, String stopped, boolean alreadyRunning, Instant cursorAt) {

    static ReconcileReport busy(String tenantId) {
        return new ReconcileReport(tenantId, 0, 0, 0, 0, 0, 0, false, "another reconciliation of this tenant is running", true, null);
    }

    static ReconcileReport failed(String tenantId, String why) {
        return new ReconcileReport(tenantId, 0, 0, 0, 0, 0, 0, false, why, false, null);
    }

    /** How far behind now the sync is: the events cursor as the run left it (empty: never set). */
    public Optional<Instant> cursor() {
        return Optional.ofNullable(cursorAt);
    }
}
