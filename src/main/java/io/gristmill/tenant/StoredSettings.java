package io.gristmill.tenant;

import java.time.Instant;

/**
 * Settings as stored: who last changed them and when (both empty for never-saved defaults).
 *
 * @param noteTextPurgePending the tenant withdrew its note-text opt-in and stored note text is still
 *                             being removed (each Salesforce poll continues until it is gone)
 */
public record StoredSettings(TenantSettings settings, Instant updatedAt, String updatedBy, boolean noteTextPurgePending) {
    public StoredSettings(TenantSettings settings, Instant updatedAt, String updatedBy) {
        this(settings, updatedAt, updatedBy, false);
    }
}
