package io.gristmill.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.activity.RetentionPolicy;
import io.gristmill.tenant.TenantSettingsStore;

/**
 * The retention an admin chose ({@code retentionMonths}, 24 unless set), read from the tenant's
 * settings and kept for a minute: an ingest of thousands of rows reads it once, and a changed
 * setting applies to writes within a minute.
 */
@ApplicationScoped
public class TenantRetention implements RetentionPolicy {
    private static final Duration REUSE = Duration.ofMinutes(1);

    private final TenantSettingsStore settings;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(int months, Instant until) {
    }

    public TenantRetention(TenantSettingsStore settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public int months(String tenantId) {
        Cached cached = cache.get(tenantId);
        Instant now = clock.instant();
        if (cached != null && cached.until().isAfter(now)) {
            return cached.months();
        }
        int months = settings.get(tenantId).settings().retentionMonths();
        cache.put(tenantId, new Cached(months, now.plus(REUSE)));
        return months;
    }
}
