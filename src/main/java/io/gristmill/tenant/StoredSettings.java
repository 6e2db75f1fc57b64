package io.gristmill.tenant;

import java.time.Instant;

/** Settings as stored: who last changed them and when (both empty for never-saved defaults). */
public record StoredSettings(TenantSettings settings, Instant updatedAt, String updatedBy) {
}
