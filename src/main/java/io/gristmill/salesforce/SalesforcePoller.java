package io.gristmill.salesforce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.Source;
import io.gristmill.aws.LeaseStore;
import io.gristmill.connection.ConnectionStore;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.directory.IdentityKind;
import io.gristmill.salesforce.objects.Opportunities;
import io.gristmill.tenant.NoteTextPurge;
import io.gristmill.tenant.StoredSettings;
import io.gristmill.tenant.TenantSettings;
import io.gristmill.tenant.TenantSettingsStore;

/**
 * One incremental poll of one tenant's org: plan ({@link PollPlanner}), read ({@link PlanReader}),
 * then the deals back from the recycle bin ({@link RestoredHistory}).
 *
 * <p>For each selected object it reads rows stamped in {@code [cursor - lookback, now)} (the
 * first time: {@code [now - backfill, now)}) with {@code queryAll}, so deleted rows arrive in the
 * same call; what a row means is its object's {@code SalesforceObjectSync}. Rows re-read by the
 * lookback map to the same activity ids and are stored once. When the org's daily API usage reaches
 * the budget share, the poll stops for this cycle. Two polls of one tenant never overlap (lease).
 */
@ApplicationScoped
public class SalesforcePoller {
    private static final Logger LOG = Logger.getLogger(SalesforcePoller.class);
    /** Marks a deleted opportunity whose history must be read again if it is restored. */
    private static final String RESTORED = "deleted-opportunity#";
    /** Salesforce keeps deleted records in the recycle bin for 15 days (30 here, to be safe). */
    private static final Duration RECYCLE_BIN = Duration.ofDays(30);

    private final SalesforceTokens tokens;
    private final PollSteps steps;
    private final NoteTextPurge notes;
    private final EmployeeDirectory directory;
    private final ActivityStore activities;
    private final TenantSettingsStore settings;
    private final ConnectionStore connections;
    private final LeaseStore leases;
    private final SalesforceConfig config;
    private final Clock clock;

    /** The steps of a poll, in order (a singleton: its fields are read directly, which a client proxy would not allow). */
    @jakarta.inject.Singleton
    static class PollSteps {
        final PollPlanner planner;
        final PlanReader reader;
        final RestoredHistory restoredHistory;
        final OrgCurrency orgCurrency;

        PollSteps(PollPlanner planner, PlanReader reader, RestoredHistory restoredHistory, OrgCurrency orgCurrency) {
            this.planner = planner;
            this.reader = reader;
            this.restoredHistory = restoredHistory;
            this.orgCurrency = orgCurrency;
        }
    }

    public SalesforcePoller(SalesforceTokens tokens, PollSteps steps, NoteTextPurge notes, EmployeeDirectory directory,
            ActivityStore activities, TenantSettingsStore settings, ConnectionStore connections, LeaseStore leases, SalesforceConfig config,
            Clock clock) {
        this.tokens = tokens;
        this.steps = steps;
        this.notes = notes;
        this.directory = directory;
        this.activities = activities;
        this.settings = settings;
        this.connections = connections;
        this.leases = leases;
        this.config = config;
        this.clock = clock;
    }

    public PollReport poll(String tenantId) {
        return poll(tenantId, config.pollDeadline());
    }

    /** One poll that stops reading after {@code budget} of time (the rest continues next cycle). */
    public PollReport poll(String tenantId, Duration budget) {
        Optional<LeaseStore.Lease> lease = leases.tryAcquire(tenantId, "salesforce-poll", config.pollLease());
        if (lease.isEmpty()) {
            LOG.infof("Salesforce poll of tenant %s skipped: another poll is running", tenantId);
            return PollReport.busy(tenantId);
        }
        try (AutoCloseable alive = leases.keepAlive(lease.get(), config.pollLease())) {
            Instant deadline = clock.instant().plus(budget);
            StoredSettings stored = settings.get(tenantId);
            // Withdrawn note-text opt-in: remove what is stored before reading anything new.
            notes.continuePending(tenantId, stored, budget.dividedBy(4));
            TenantSettings chosen = stored.settings();
            PollState state = new PollState(tenantId, chosen, setup(tenantId, chosen, deadline));
            readOrRecordWhyNot(tenantId, chosen, state);
            return report(tenantId, state);
        } catch (Exception closing) {
            throw closing instanceof RuntimeException runtime ? runtime : new IllegalStateException(closing);
        } finally {
            leases.release(lease.get());
        }
    }

    private PollState.Setup setup(String tenantId, TenantSettings chosen, Instant deadline) {
        Opportunities deals = new Opportunities(Set.copyOf(chosen.salesforce().pipelines()),
                id -> activities.forSourceRecord(tenantId, Source.SALESFORCE, id), recycleBin(tenantId));
        return new PollState.Setup(clock, deadline, config.budgetShare(),
                actor -> directory.findByIdentity(tenantId, IdentityKind.SALESFORCE, actor), deals, steps.orgCurrency::read);
    }

    private Opportunities.RecycleBin recycleBin(String tenantId) {
        return new Opportunities.RecycleBin() {
            @Override
            public void deleted(String opportunityId) {
                connections.mark(tenantId, SalesforceSecret.PROVIDER, RESTORED + opportunityId, RECYCLE_BIN);
            }

            @Override
            public boolean takeDeleted(String opportunityId) {
                return connections.takeMarker(tenantId, SalesforceSecret.PROVIDER, RESTORED + opportunityId);
            }
        };
    }

    private void readOrRecordWhyNot(String tenantId, TenantSettings chosen, PollState state) {
        try {
            tokens.withAccessToken(tenantId, token -> {
                state.token = token;
                read(token, chosen, state);
                return null;
            });
        } catch (SalesforceApiException refused) {
            if (!refused.isQuotaExhausted()) {
                recordFailure(tenantId, refused);
                throw refused;
            }
            // The org's quota is spent (maybe by the customer's other tools): stop for this cycle.
            state.budgetStop = true;
            state.quotaRefused = true;
        } catch (ConnectionNeedsReauthException | NotConnectedException notConnected) {
            throw notConnected; // the connection's state says it
        } catch (RuntimeException failed) {
            // Salesforce's token endpoint, Secrets Manager or DynamoDB failed: nothing moved
            // past what was stored, and the status says why until the next cycle.
            recordFailure(tenantId, failed);
            throw failed;
        }
    }

    private void read(AccessToken token, TenantSettings chosen, PollState state) {
        List<ObjectPlan> plans = steps.planner.plan(token, chosen, state);
        state.plans = plans;
        if (plans.isEmpty() || !steps.reader.read(token, plans, state)) {
            return;
        }
        plans.stream().filter(plan -> state.completed.contains(plan.name())).forEach(plan -> plan.object().pollRead(state));
        steps.restoredHistory.readAgain(token, plans, state);
    }

    private PollReport report(String tenantId, PollState state) {
        PollOutcome outcome = PollOutcome.of(state, config.budgetShare());
        connections.recordSync(tenantId, SalesforceSecret.PROVIDER, outcome.status(),
                outcome.caughtUp() ? Optional.of(clock.instant()) : Optional.empty());
        PollReport report = new PollReport(tenantId, state.meter.calls(), state.rows, state.created, state.deleted,
                Map.copyOf(state.skipped), state.budgetStop, false, state.outOfTime() && !state.budgetStop,
                state.plans.stream().map(plan -> CursorPositions.of(plan, state)).flatMap(Optional::stream).min(Comparator.naturalOrder()).orElse(null));
        LOG.infof("Salesforce poll of tenant %s: %d API calls, %d rows, %d new activities, %d deleted records, skipped %s%s",
                tenantId, report.apiCalls(), report.rowsRead(), report.activitiesCreated(), report.recordsDeleted(), report.skipped(),
                state.budgetStop ? ", stopped for budget" : "");
        return report;
    }

    private void recordFailure(String tenantId, RuntimeException failure) {
        String why = failure instanceof SalesforceUnavailableException || failure instanceof SalesforceApiException
                ? "Salesforce: " + failure.getMessage()
                : failure instanceof software.amazon.awssdk.core.exception.SdkException
                        ? "AWS (" + failure.getClass().getSimpleName() + ")"
                        : failure.getClass().getSimpleName();
        try {
            connections.recordSyncStatus(tenantId, SalesforceSecret.PROVIDER, "failed this cycle: " + why + "; retried next cycle from the stored cursors");
        } catch (RuntimeException alsoDown) {
            LOG.warnf("Salesforce poll status of tenant %s not recorded: %s", tenantId, alsoDown.getClass().getSimpleName());
        }
    }
}
