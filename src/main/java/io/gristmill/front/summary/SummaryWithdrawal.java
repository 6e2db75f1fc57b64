package io.gristmill.front.summary;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.tenant.SettingsChange;
import io.gristmill.tenant.TenantSettings;

/** A withdrawn (or narrowed) summary approval erases that scope's summaries at once, as far as a few seconds go. */
@ApplicationScoped
public class SummaryWithdrawal implements SettingsChange {
    /** Time a settings change spends erasing; each reconciliation finishes the rest. */
    private static final Duration BUDGET = Duration.ofSeconds(10);

    private final SummaryErasure erasure;
    private final Clock clock;

    public SummaryWithdrawal(SummaryErasure erasure, Clock clock) {
        this.erasure = erasure;
        this.clock = clock;
    }

    @Override
    public void changed(String tenantId, TenantSettings before, TenantSettings after) {
        if (!after.front().summaries().scopes().containsAll(before.front().summaries().scopes())) {
            erasure.eraseUnapproved(tenantId, after.front().summaries(), clock.instant().plus(BUDGET));
        }
    }
}
