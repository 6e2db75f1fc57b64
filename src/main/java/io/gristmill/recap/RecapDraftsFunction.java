package io.gristmill.recap;

import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import io.gristmill.sync.TenantFanOut;
import io.quarkus.funqy.Funq;

/**
 * The {@code recap-drafts} Lambda, run hourly by an EventBridge schedule: drafts the week that last
 * ended for every tenant with a source connected, a few tenants at once.
 */
public class RecapDraftsFunction {
    private static final Logger LOG = Logger.getLogger(RecapDraftsFunction.class);

    private final RecapDrafts drafts;
    private final RecapConfig config;
    private final io.gristmill.config.GristmillConfig gristmill;
    private final java.time.Clock clock;

    public RecapDraftsFunction(RecapDrafts drafts, RecapConfig config, io.gristmill.config.GristmillConfig gristmill, java.time.Clock clock) {
        this.drafts = drafts;
        this.config = config;
        this.gristmill = gristmill;
        this.clock = clock;
    }

    @Funq("recap-drafts")
    public List<RecapDrafts.DraftReport> recapDrafts(Map<String, Object> scheduledEvent) {
        return TenantFanOut.run(drafts.tenants(), config.draftConcurrency(), clock, clock.instant().plus(gristmill.schedules().startWithin()),
                tenant -> {
            try {
                return drafts.draftLastWeek(tenant);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Weekly drafts of tenant %s failed; the next run tries again", tenant);
                return new RecapDrafts.DraftReport(tenant, null, 0, 0, 0, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }, tenant -> new RecapDrafts.DraftReport(tenant, null, 0, 0, 0, "not started: this run's time was up; the next run drafts it"));
    }
}
