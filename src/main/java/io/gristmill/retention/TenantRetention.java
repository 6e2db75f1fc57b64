package io.gristmill.retention;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.activity.RetentionPolicy;
import io.gristmill.cache.Recent;
import io.gristmill.tenant.TenantSettingsStore;

/**
 * The retention an admin chose ({@code retentionMonths}, 24 unless set), read from the tenant's
 * settings and kept for a minute: an ingest of thousands of rows reads it once, and a changed
 * setting applies to writes within a minute.
 */
@ApplicationScoped
public class TenantRetention implements RetentionPolicy {
    private static final Duration REUSE = Duration.ofMinutes(1);
    private static final int TENANTS_KEPT = 10_000;

    private final TenantSettingsStore settings;
    private final Recent<String, Integer> months;

    public TenantRetention(TenantSettingsStore settings, Clock clock) {
        this.settings = settings;
        this.months = new Recent<>(REUSE, TENANTS_KEPT, clock);
    }

    @Override
    public int months(String tenantId) {
        return months.get(tenantId, t -> settings.get(t).settings().retentionMonths());
    }
}
