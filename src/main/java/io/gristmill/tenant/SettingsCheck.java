package io.gristmill.tenant;

import java.util.Optional;

/**
 * A feature's check of settings an admin is about to save, for what {@link TenantSettings} cannot
 * know by itself (the connected Front account's inboxes, the deployment's narrator model, the
 * built-in templates). Features implement it; the settings route asks every one, so the tenant
 * package depends on none of them.
 */
public interface SettingsCheck {
    /** Why the settings cannot be saved, in words for the admin ({@code "field: reason"}); empty when they can. */
    Optional<String> problem(String tenantId, TenantSettings settings);
}
