package io.gristmill.tenant;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gristmill.activity.ActivityMetadataPurge;
import io.gristmill.directory.EmployeeDirectory;

/**
 * Note titles and text are read only with a tenant's explicit opt-in. When the tenant withdraws
 * it, the text already stored goes too: removed from every {@code note.added} activity, within a
 * time budget per call (the settings change starts it, every Salesforce poll continues it until
 * done). The notes themselves stay as metadata.
 */
@ApplicationScoped
public class NoteTextPurge {
    private static final Logger LOG = Logger.getLogger(NoteTextPurge.class);
    static final List<String> TEXT_FIELDS = List.of("title", "text");

    private final ActivityMetadataPurge activities;
    private final EmployeeDirectory directory;
    private final TenantSettingsStore settings;
    private final Clock clock;

    public NoteTextPurge(ActivityMetadataPurge activities, EmployeeDirectory directory, TenantSettingsStore settings, Clock clock) {
        this.activities = activities;
        this.directory = directory;
        this.settings = settings;
        this.clock = clock;
    }

    /** Continues a pending purge for at most {@code budget}; returns whether none is left. */
    public boolean continuePending(String tenantId, Duration budget) {
        return continuePending(tenantId, settings.get(tenantId), budget);
    }

    /** As {@link #continuePending(String, Duration)}, for a caller that has just read the tenant's settings. */
    public boolean continuePending(String tenantId, StoredSettings stored, Duration budget) {
        if (!stored.noteTextPurgePending()) {
            return true;
        }
        List<String> employees = directory.allIds(tenantId);
        boolean done = activities.removeMetadata(tenantId, employees, "note.added", TEXT_FIELDS, clock.instant().plus(budget), clock);
        if (done) {
            settings.noteTextPurged(tenantId);
            LOG.infof("Removed the stored note text of tenant %s after its opt-out", tenantId);
        }
        return done;
    }
}
