package io.gristmill.salesforce;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a poll ended, and the status line an admin reads on the connection.
 *
 * @param budgetStop   stopped for the org's API budget
 * @param quotaRefused Salesforce refused with REQUEST_LIMIT_EXCEEDED (the org's quota is spent)
 * @param behind       objects whose backfill continues next cycle, and how far they got
 * @param skipped      objects not read this cycle, with the reason
 */
record PollOutcome(boolean budgetStop, boolean quotaRefused, Optional<ApiUsage> usage, double budgetShare, Map<String, Instant> behind,
        Map<String, String> skipped) {
    static PollOutcome of(PollState state, double budgetShare) {
        // In the order they happened: the status line reads like the poll went.
        return new PollOutcome(state.budgetStop, state.quotaRefused, state.meter.usage(), budgetShare,
                Collections.unmodifiableMap(new LinkedHashMap<>(state.behind)), Collections.unmodifiableMap(new LinkedHashMap<>(state.skipped)));
    }

    /** Read everything up to now: the connection's last successful sync moves. */
    boolean caughtUp() {
        return !budgetStop && skipped.isEmpty() && behind.isEmpty();
    }

    String status() {
        String usageLine = usage.map(u -> "; " + u.describe()).orElse("");
        if (quotaRefused) {
            return "paused for this cycle: Salesforce answered REQUEST_LIMIT_EXCEEDED (the org's quota is spent)";
        }
        if (budgetStop) {
            return "paused for this cycle: " + usage.map(ApiUsage::limiting).orElse("the org's") + " daily API usage reached "
                    + usage.map(u -> Math.round(u.share() * 100) + "%").orElse("?") + " (budget " + Math.round(budgetShare * 100) + "%)"
                    + usageLine;
        }
        return (behind.isEmpty() ? "ok" : "backfilling: read up to " + behind) + (skipped.isEmpty() ? "" : "; skipped " + skipped) + usageLine;
    }
}
