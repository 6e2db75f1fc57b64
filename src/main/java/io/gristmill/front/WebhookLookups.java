package io.gristmill.front;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.cache.Recent;
import io.gristmill.connection.ConnectionStore;
import io.gristmill.directory.CreditRule;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.directory.IdentityKind;
import io.gristmill.tenant.StoredSettings;
import io.gristmill.tenant.TenantSettingsStore;

/**
 * What a Front webhook reads besides its event — which tenant owns the Front company, the tenant's
 * settings, who a teammate's work is credited to — kept by the function instance (see
 * {@code gristmill.front.webhook-lookups-max-age}), so that a warm webhook costs one storage call:
 * the write. Nothing kept here is trusted blindly: the write carries guards that fail it when the
 * connection, the settings or a credit changed since (then {@link #forget} and read again).
 */
@ApplicationScoped
public class WebhookLookups {
    private static final int MAX_ENTRIES = 10_000;

    private final ConnectionStore connections;
    private final TenantSettingsStore settingsStore;
    private final EmployeeDirectory directory;
    private final Recent<String, Optional<String>> owners;
    private final Recent<String, StoredSettings> settings;
    private final Recent<String, CreditRule> credits;

    public WebhookLookups(ConnectionStore connections, TenantSettingsStore settingsStore, EmployeeDirectory directory, FrontConfig config,
            Clock clock) {
        this.connections = connections;
        this.settingsStore = settingsStore;
        this.directory = directory;
        this.owners = new Recent<>(config.webhookLookupsMaxAge(), MAX_ENTRIES, clock);
        this.settings = new Recent<>(config.webhookLookupsMaxAge(), MAX_ENTRIES, clock);
        this.credits = new Recent<>(config.webhookLookupsMaxAge(), MAX_ENTRIES, clock);
    }

    /** The tenant that connected this Front company, if any (a company nobody connected is not kept). */
    public Optional<String> ownerOf(String company) {
        Optional<String> owner = owners.get(company, c -> connections.ownerOf(FrontSecret.PROVIDER, c));
        if (owner.isEmpty()) {
            owners.forget(company::equals);
        }
        return owner;
    }

    public StoredSettings settings(String tenantId) {
        return settings.get(tenantId, settingsStore::get);
    }

    public CreditRule credit(String tenantId, String teammateId) {
        return credits.get(tenantId + "/" + teammateId, key -> directory.creditRule(tenantId, IdentityKind.FRONT, teammateId));
    }

    /** Forgets what is kept about a tenant (and the company it came through), after a guard failed. */
    public void forget(String tenantId, Optional<String> company) {
        company.ifPresent(c -> owners.forget(c::equals));
        settings.forget(tenantId::equals);
        credits.forget(key -> key.startsWith(tenantId + "/"));
    }
}
