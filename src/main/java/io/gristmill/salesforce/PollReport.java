package io.gristmill.salesforce;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What one poll of one tenant did.
 *
 * @param skipped           objects not read this time, with the reason (org lacks it, query timed out, ...)
 * @param stoppedForBudget  stopped at the org's API budget share (continue next cycle, not sooner)
 * @param stoppedAtDeadline stopped at the poll's time limit with rows left (a long backfill: continue at once)
 * @param furthestBehindCursor after the poll, the cursor of the planned objects that is furthest behind (null: no object
 *                          planned, or none has a cursor yet)
 */
public record PollReport(String tenantId, int apiCalls, int rowsRead, int activitiesCreated, int recordsDeleted,
        Map<String, String> skipped, boolean stoppedForBudget, boolean alreadyRunning, boolean stoppedAtDeadline, Instant furthestBehindCursor) {

    public PollReport(String tenantId, int apiCalls, int rowsRead, int activitiesCreated, int recordsDeleted, Map<String, String> skipped,
            boolean stoppedForBudget, boolean alreadyRunning) {
        this(tenantId, apiCalls, rowsRead, activitiesCreated, recordsDeleted, skipped, stoppedForBudget, alreadyRunning, false, null);
    }

    /** How far behind now the polled objects are: their cursor furthest behind, when the poll planned any. */
    public Optional<Instant> furthestBehind() {
        return Optional.ofNullable(furthestBehindCursor);
    }

    static PollReport busy(String tenantId) {
        return new PollReport(tenantId, 0, 0, 0, 0, Map.of(), false, true);
    }
}
