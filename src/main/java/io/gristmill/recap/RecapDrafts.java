package io.gristmill.recap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gristmill.connection.ConnectionStore;
import io.gristmill.directory.Employee;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.front.FrontSecret;
import io.gristmill.salesforce.SalesforceSecret;
import io.gristmill.tenant.TenantSettings;

/**
 * Writes the drafts of the week that last ended, in each tenant's own zone, for every employee who
 * worked in it and belongs to a recap group. Runs hourly (so every zone gets its drafts within the
 * hour its week ends) and is idempotent: an employee-week that
 * has any version already is left alone, so a run that failed halfway is finished by the next.
 */
@ApplicationScoped
public class RecapDrafts {
    private static final Logger LOG = Logger.getLogger(RecapDrafts.class);
    private static final int PAGE = 100;

    private final ConnectionStore connections;
    private final EmployeeDirectory directory;
    private final RecapStore store;
    private final RecapService recaps;
    private final RecapBuilder builder;
    private final RecapConfig config;
    private final Clock clock;

    public RecapDrafts(ConnectionStore connections, EmployeeDirectory directory, RecapStore store, RecapService recaps,
            RecapBuilder builder, RecapConfig config, Clock clock) {
        this.config = config;
        this.connections = connections;
        this.directory = directory;
        this.store = store;
        this.recaps = recaps;
        this.builder = builder;
        this.clock = clock;
    }

    /**
     * @param published   drafts published to the manager chain by the cycle (confirmation not required)
     * @param notDueUntil when this week's drafts are due, if not yet (the tenant's generation day and hour)
     */
    public record DraftReport(String tenantId, String week, int drafted, int existing, int published, int failed, String error,
            Instant notDueUntil) {
        public DraftReport(String tenantId, String week, int drafted, int existing, int failed, String error) {
            this(tenantId, week, drafted, existing, 0, failed, error, null);
        }
    }

    /** Tenants with Salesforce or Front connected. */
    public List<String> tenants() {
        Set<String> tenants = new LinkedHashSet<>(connections.connectedTenants(SalesforceSecret.PROVIDER));
        tenants.addAll(connections.connectedTenants(FrontSecret.PROVIDER));
        return List.copyOf(tenants);
    }

    public DraftReport draftLastWeek(String tenantId) {
        TenantSettings settings = builder.settings(tenantId);
        IsoWeek week = IsoWeek.containing(clock.instant(), settings.zone(), settings.weekStart()).previous();
        Instant weekStart = week.start(settings.zone(), settings.weekStart());
        Instant due = settings.draftsDue(week.end(settings.zone(), settings.weekStart()));
        if (clock.instant().isBefore(due)) {
            return new DraftReport(tenantId, week.toString(), 0, 0, 0, 0, null, due);
        }
        Tally tally = new Tally();
        Instant deadline = clock.instant().plus(config.draftDeadline());
        Optional<String> after = Optional.empty();
        do {
            EmployeeDirectory.Page page = directory.list(tenantId, PAGE, after);
            for (Employee employee : page.employees()) {
                if (clock.instant().isAfter(deadline)) {
                    LOG.infof("Weekly drafts of tenant %s for %s stopped at the deadline (%d drafted); the next run continues",
                            tenantId, week, tally.drafted);
                    return tally.report(tenantId, week, "deadline reached; the next run continues");
                }
                boolean workedThatWeek = employee.deactivatedAt().map(weekStart::isBefore).orElse(true);
                if (workedThatWeek && inRecapGroups(settings, employee)) {
                    draftOrPublish(tenantId, employee, week, settings.recaps().cycle(), tally);
                }
            }
            after = page.next();
        } while (after.isPresent());
        LOG.infof("Weekly drafts of tenant %s for %s: %d drafted, %d already there, %d published, %d failed", tenantId, week,
                tally.drafted, tally.existing, tally.published, tally.failed);
        return tally.report(tenantId, week, null);
    }

    /** What one run did. */
    private static final class Tally {
        int published;
        int drafted;
        int existing;
        int failed;

        DraftReport report(String tenantId, IsoWeek week, String stopped) {
            return new DraftReport(tenantId, week.toString(), drafted, existing, published, failed, stopped, null);
        }
    }

    /** A new draft, or the existing one published once its cycle allows (a failure is counted; the next run tries again). */
    private void draftOrPublish(String tenantId, Employee employee, IsoWeek week, TenantSettings.Cycle cycle, Tally tally) {
        try {
            List<Recap> versions = store.versions(tenantId, employee.employeeId(), week);
            if (versions.isEmpty()) {
                recaps.write(tenantId, employee, week, RecapOptions.NONE, "weekly schedule");
                tally.drafted++;
                return;
            }
            tally.existing++;
            Recap latest = versions.get(versions.size() - 1);
            boolean publishable = !cycle.confirmationRequired() && latest.status() == RecapStatus.DRAFT
                    && !latest.generatedAt().plus(Duration.ofHours(cycle.publishAfterHours())).isAfter(clock.instant());
            if (publishable && recaps.publish(tenantId, employee, latest)) {
                tally.published++;
            }
        } catch (RuntimeException e) {
            tally.failed++;
            LOG.errorf(e, "Weekly draft of %s %s failed; the next run tries again", employee.employeeId(), week);
        }
    }

    static boolean inRecapGroups(TenantSettings settings, Employee employee) {
        return settings.employeeGroups().isEmpty() || employee.groups().stream().anyMatch(settings.employeeGroups()::contains);
    }
}
