package io.gristmill.front;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.cache.Recent;
import io.gristmill.connection.Connection;
import io.gristmill.connection.ConnectionState;
import io.gristmill.connection.ConnectionStore;
import io.gristmill.directory.CreditRule;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.directory.IdentityKind;
import io.gristmill.tenant.StoredSettings;
import io.gristmill.tenant.TenantSettingsStore;

/**
 * What a Front webhook reads besides its event — which tenant owns the Front company, whether that
 * tenant is still connected to it, its settings, who a teammate's work is credited to — kept by
 * the function instance for at most {@code gristmill.front.webhook-lookups-max-age} (30 s), so
 * that a warm webhook costs one storage call: the write. A disconnect, a settings change or a
 * directory change made elsewhere therefore reaches a warm webhook function within that age.
 * (Checking them in the write itself, as transaction condition checks, was tried and dropped:
 * every webhook of a tenant would then touch its connection item, and DynamoDB cancels concurrent
 * transactions on one item and refuses other writes to it while one runs.)
 */
@ApplicationScoped
public class WebhookLookups {
    private static final int MAX_ENTRIES = 10_000;

    private final ConnectionStore connections;
    private final TenantSettingsStore settingsStore;
    private final EmployeeDirectory directory;
    private final Recent<String, Optional<String>> owners;
    private final Recent<String, StoredSettings> settings;
    private final Recent<String, Connection> connectionsKept;
    private final Recent<String, CreditRule> credits;

    public WebhookLookups(ConnectionStore connections, TenantSettingsStore settingsStore, EmployeeDirectory directory, FrontConfig config,
            Clock clock) {
        this.connections = connections;
        this.settingsStore = settingsStore;
        this.directory = directory;
        this.owners = new Recent<>(config.webhookLookupsMaxAge(), MAX_ENTRIES, clock);
        this.settings = new Recent<>(config.webhookLookupsMaxAge(), MAX_ENTRIES, clock);
        this.credits = new Recent<>(config.webhookLookupsMaxAge(), MAX_ENTRIES, clock);
        this.connectionsKept = new Recent<>(config.webhookLookupsMaxAge(), MAX_ENTRIES, clock);
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

    /** Whether the tenant's Front connection is connected (to {@code company}, when the webhook names one). */
    public boolean connected(String tenantId, Optional<String> company) {
        Connection connection = connectionsKept.get(tenantId, t -> connections.get(t, FrontSecret.PROVIDER));
        return connection.state() == ConnectionState.CONNECTED && company.map(c -> c.equals(connection.account())).orElse(true);
    }
}
