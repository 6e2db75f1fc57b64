package io.gristmill.salesforce;

import java.util.Map;

/**
 * What one poll of one tenant did.
 *
 * @param skipped objects not read this time, with the reason (org lacks it, query timed out, ...)
 */
public record PollReport(String tenantId, int apiCalls, int rowsRead, int activitiesCreated, int recordsDeleted,
        Map<String, String> skipped, boolean stoppedForBudget, boolean alreadyRunning) {

    static PollReport busy(String tenantId) {
        return new PollReport(tenantId, 0, 0, 0, 0, Map.of(), false, true);
    }
}
