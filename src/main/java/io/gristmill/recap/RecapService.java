package io.gristmill.recap;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gristmill.access.Refusal;
import io.gristmill.directory.Employee;
import io.gristmill.access.Caller;
import io.gristmill.tenant.TenantSettings;

/**
 * The life of a weekly recap: read (the employee's latest version, generated on first read; for
 * everyone else the latest confirmed one), regenerate with one-off options, confirm.
 * Regenerating a draft replaces it; regenerating after a confirmation adds a new draft version
 * and the confirmed one stays as it was.
 */
@ApplicationScoped
public class RecapService {
    private static final Logger LOG = Logger.getLogger(RecapService.class);
    private static final int WRITE_ATTEMPTS = 3;

    private final RecapStore store;
    private final RecapBuilder builder;
    private final RecapAccess access;
    private final Clock clock;

    public RecapService(RecapStore store, RecapBuilder builder, RecapAccess access, Clock clock) {
        this.store = store;
        this.builder = builder;
        this.access = access;
        this.clock = clock;
    }

    /** A recap and the versions that exist of it (as far as the caller may know). */
    public record Read(Recap recap, List<VersionRef> versions) {
    }

    public record VersionRef(int version, RecapStatus status) {
    }

    public Read read(Caller caller, String employeeId, IsoWeek week, Optional<Integer> version) {
        Employee employee = access.employee(caller, employeeId);
        List<Recap> versions = store.versions(caller.tenantId(), employeeId, week);
        if (access.isSelf(caller, employee)) {
            if (versions.isEmpty() && version.isEmpty()) {
                Recap created = write(caller.tenantId(), employee, week, RecapOptions.NONE, "first read");
                return new Read(created, refs(List.of(created)));
            }
            Recap chosen = version.map(v -> versions.stream().filter(r -> r.version() == v).findFirst()
                    .orElseThrow(() -> Refusal.notFound("No version " + v + " of " + employeeId + "'s recap for " + week)))
                    .orElseGet(() -> versions.get(versions.size() - 1));
            return new Read(chosen, refs(versions));
        }
        boolean readsConfirmed = access.readsConfirmed(caller, employee);
        List<Recap> readable = versions.stream().filter(r -> r.status() == RecapStatus.CONFIRMED)
                .filter(r -> access.mayReadConfirmed(caller, employee, r, readsConfirmed)).toList();
        if (readable.isEmpty()) {
            if (!readsConfirmed && versions.stream().noneMatch(r -> access.mayReadConfirmed(caller, employee, r, false))) {
                throw Refusal.notAllowed("You can read your own recaps, and the confirmed recaps of people you manage "
                        + "or whose recaps were delegated to you");
            }
            throw new Refusal(Refusal.Kind.NOT_FOUND, "not_confirmed", employeeId + " has not confirmed a recap for " + week + " yet");
        }
        Recap chosen = version.map(v -> readable.stream().filter(r -> r.version() == v).findFirst()
                .orElseThrow(() -> Refusal.notFound("No confirmed version " + v + " of " + employeeId + "'s recap for " + week)))
                .orElseGet(() -> readable.get(readable.size() - 1));
        return new Read(chosen, refs(readable));
    }

    public Recap generate(Caller caller, String employeeId, IsoWeek week, RecapOptions options) {
        Employee employee = access.employee(caller, employeeId);
        access.requireSelf(caller, employee, "regenerate");
        return write(caller.tenantId(), employee, week, options, "request");
    }

    public Recap confirm(Caller caller, String employeeId, IsoWeek week, Optional<Integer> version) {
        Employee employee = access.employee(caller, employeeId);
        access.requireSelf(caller, employee, "confirm");
        List<Recap> versions = store.versions(caller.tenantId(), employeeId, week);
        if (versions.isEmpty()) {
            throw Refusal.notFound("There is no recap for " + week + " to confirm yet; read it first");
        }
        Recap latest = versions.get(versions.size() - 1);
        if (version.isPresent() && version.get() != latest.version()) {
            Optional<Recap> named = versions.stream().filter(r -> r.version() == version.get()).findFirst();
            if (named.filter(r -> r.status() == RecapStatus.CONFIRMED).isPresent()) {
                return named.get();
            }
            throw Refusal.conflict("Version " + version.get() + " is not the latest draft (latest is version " + latest.version() + ")");
        }
        if (latest.status() == RecapStatus.CONFIRMED) {
            return latest;
        }
        Recap confirmed = latest.confirmed(clock.instant(), employee.managerId().orElse(null), Recap.BY_EMPLOYEE);
        if (!store.confirm(caller.tenantId(), latest, confirmed)) {
            throw Refusal.conflict("The recap changed while confirming; read it again and confirm what you see");
        }
        LOG.infof("Recap %s %s version %d confirmed", employeeId, week, confirmed.version());
        return confirmed;
    }

    /**
     * Publishes a draft to the manager chain without its employee, where the tenant's cycle does not
     * require confirmation. False when the draft changed meanwhile (the next run looks again).
     */
    boolean publish(String tenantId, Employee employee, Recap draft) {
        Recap published = draft.confirmed(clock.instant(), employee.managerId().orElse(null), Recap.BY_SCHEDULE);
        boolean done = store.confirm(tenantId, draft, published);
        if (done) {
            LOG.infof("Recap %s %s version %d published by the cycle (confirmation not required)", employee.employeeId(), draft.week(),
                    draft.version());
        }
        return done;
    }

    /**
     * The employee's note on their latest draft ({@code null} or blank removes it). A confirmed
     * version is not changed: regenerate first, which makes a new draft.
     */
    public Recap addContext(Caller caller, String employeeId, IsoWeek week, String note) {
        Employee employee = access.employee(caller, employeeId);
        access.requireSelf(caller, employee, "add context to");
        String text = note == null || note.isBlank() ? null : note.strip();
        if (text != null && text.length() > Recap.Context.MAX_NOTE) {
            throw Refusal.invalid("note is longer than " + Recap.Context.MAX_NOTE + " characters");
        }
        List<Recap> versions = store.versions(caller.tenantId(), employeeId, week);
        if (versions.isEmpty()) {
            throw Refusal.notFound("There is no recap for " + week + " yet; read it first");
        }
        Recap latest = versions.get(versions.size() - 1);
        if (latest.status() != RecapStatus.DRAFT) {
            throw Refusal.conflict("Version " + latest.version() + " is confirmed and stays as it was; regenerate to add context to a new draft");
        }
        Recap noted = latest.withContext(text == null ? null : new Recap.Context(text, clock.instant()));
        if (!store.replaceDraft(caller.tenantId(), latest, noted)) {
            throw Refusal.conflict("The recap changed meanwhile; read it again and add your note to what you see");
        }
        return noted;
    }

    /**
     * Builds a draft and stores it: in place of the latest draft, or as a new version after a
     * confirmed one. Retries when another writer got there first.
     */
    Recap write(String tenantId, Employee employee, IsoWeek week, RecapOptions options, String why) {
        requireRecapped(tenantId, employee);
        Recap draft = builder.draft(tenantId, employee, week, options);
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            List<Recap> versions = store.versions(tenantId, employee.employeeId(), week);
            Optional<Recap> latest = versions.stream().max(Comparator.comparingInt(Recap::version));
            boolean written;
            Recap stored;
            if (latest.isPresent() && latest.get().status() == RecapStatus.DRAFT) {
                // The employee's note stays with the draft it was added to, whatever is regenerated.
                stored = draft.asVersion(latest.get().version()).withContext(latest.get().context());
                written = store.replaceDraft(tenantId, latest.get(), stored);
            } else {
                stored = draft.asVersion(latest.map(r -> r.version() + 1).orElse(1));
                written = store.create(tenantId, stored);
            }
            if (written) {
                LOG.infof("Recap %s %s version %d drafted (%s, %d activities)", employee.employeeId(), week, stored.version(), why,
                        stored.content().activityCount());
                return stored;
            }
        }
        throw Refusal.conflict("The recap kept changing while it was generated; try again");
    }

    /** Tenants may limit recaps to some employee groups; new drafts are only made for their members. */
    private void requireRecapped(String tenantId, Employee employee) {
        TenantSettings settings = builder.settings(tenantId);
        if (!RecapDrafts.inRecapGroups(settings, employee)) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "not_recapped", employee.employeeId() + " is not in a group that gets recaps ("
                    + String.join(", ", settings.employeeGroups()) + ")");
        }
    }

    private static List<VersionRef> refs(List<Recap> versions) {
        return versions.stream().map(r -> new VersionRef(r.version(), r.status())).toList();
    }
}
