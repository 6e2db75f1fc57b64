package io.gristmill.recap;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.gristmill.cache.Recent;
import io.gristmill.connection.ConnectionStore;
import io.gristmill.salesforce.SalesforceSecret;
import io.gristmill.tenant.SettingsChange;
import io.gristmill.tenant.TenantSettings;
import io.gristmill.tenant.TenantSettingsStore;

/**
 * What a recap build reads besides activity — the tenant's settings, its Salesforce instance (for
 * links) and its default template — kept by the function instance for at most
 * {@code gristmill.recap.lookups-max-age} (30 s), so that drafting a team's recaps in one run, or
 * an employee's second request a few seconds after the first, reads them once. A change saved
 * through this instance is seen at once (it forgets what it kept); one saved through another
 * instance reaches this one within that age.
 */
@ApplicationScoped
public class RecapLookups implements SettingsChange {
    private static final int MAX_ENTRIES = 10_000;

    private final TenantSettingsStore settingsStore;
    private final ConnectionStore connections;
    private final PromptTemplateStore templates;
    private final Recent<String, TenantSettings> settings;
    private final Recent<String, Optional<String>> instanceUrls;
    private final Recent<String, Optional<PromptTemplate>> defaults;

    @Inject
    public RecapLookups(TenantSettingsStore settingsStore, ConnectionStore connections, PromptTemplateStore templates, RecapConfig config,
            Clock clock) {
        this(settingsStore, connections, templates, config.lookupsMaxAge(), clock);
    }

    RecapLookups(TenantSettingsStore settingsStore, ConnectionStore connections, PromptTemplateStore templates, Duration maxAge, Clock clock) {
        this.settingsStore = settingsStore;
        this.connections = connections;
        this.templates = templates;
        this.settings = new Recent<>(maxAge, MAX_ENTRIES, clock);
        this.instanceUrls = new Recent<>(maxAge, MAX_ENTRIES, clock);
        this.defaults = new Recent<>(maxAge, MAX_ENTRIES, clock);
    }

    public TenantSettings settings(String tenantId) {
        return settings.get(tenantId, t -> settingsStore.get(t).settings());
    }

    /** The tenant's Salesforce instance URL, when it has connected Salesforce. */
    public Optional<String> salesforceInstance(String tenantId) {
        return instanceUrls.get(tenantId, t -> Optional.ofNullable(connections.get(t, SalesforceSecret.PROVIDER).instanceUrl()));
    }

    public Optional<PromptTemplate> tenantDefault(String tenantId) {
        return defaults.get(tenantId, templates::tenantDefault);
    }

    @Override
    public void changed(String tenantId, TenantSettings before, TenantSettings after) {
        settings.forget(tenantId::equals);
    }

    /** After a template was saved or deleted here: the tenant default is read afresh. */
    public void templatesChanged(String tenantId) {
        defaults.forget(tenantId::equals);
    }
}
