package io.gristmill.tenant;

/** What a feature does right after an admin saved new settings (withdrawn approvals: their data goes). */
public interface SettingsChange {
    void changed(String tenantId, TenantSettings before, TenantSettings after);
}
