package io.gristmill.front.summary;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gristmill.activity.ActivityStore;
import io.gristmill.tenant.TenantSettings;

/**
 * Removes the stored summaries whose approval was withdrawn: from each activity, and the ledger's
 * note of it. Within a time budget per call: the settings change starts it, each reconciliation
 * finishes it (whatever is stored under a scope that is no longer approved goes).
 */
@ApplicationScoped
public class SummaryErasure {
    private static final Logger LOG = Logger.getLogger(SummaryErasure.class);

    private final SummaryLedger ledger;
    private final ActivityStore activities;
    private final Clock clock;

    public SummaryErasure(SummaryLedger ledger, ActivityStore activities, Clock clock) {
        this.ledger = ledger;
        this.activities = activities;
        this.clock = clock;
    }

    /** Returns whether every summary outside {@code approved} is gone (false: out of time, call again). */
    public boolean eraseUnapproved(String tenantId, TenantSettings.Summaries approved, Instant until) {
        Set<String> scopes = approved.scopes();
        int erased = 0;
        Iterator<SummaryLedger.Covered> stored = ledger.covered(tenantId).filter(c -> !scopes.contains(c.scope())).iterator();
        while (stored.hasNext()) {
            if (clock.instant().isAfter(until)) {
                LOG.infof("Erased %d withdrawn Front summaries of tenant %s; the rest goes next run", erased, tenantId);
                return false;
            }
            SummaryLedger.Covered covered = stored.next();
            activities.forgetSummary(tenantId, covered.activityId());
            ledger.uncover(tenantId, covered.scope(), covered.activityId());
            erased++;
        }
        if (erased > 0) {
            LOG.infof("Erased %d Front summaries of tenant %s whose approval was withdrawn", erased, tenantId);
        }
        return true;
    }
}
