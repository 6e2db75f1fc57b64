package io.gristmill.salesforce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gristmill.activity.Activity;
import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.Source;
import io.gristmill.aws.LeaseStore;
import io.gristmill.connection.ConnectionStore;
import io.gristmill.sync.SyncCursor;
import io.gristmill.sync.SyncCursorStore;
import io.gristmill.tenant.TenantSettingsStore;

/**
 * One incremental poll of one tenant's org.
 *
 * <p>For each selected object it reads rows stamped in {@code [cursor - lookback, now)} (the
 * first time: {@code [now - backfill, now)}) with {@code queryAll}, so deleted rows arrive in the
 * same call. First pages of up to five objects share one composite call; further pages follow
 * {@code nextRecordsUrl}. Rows re-read by the lookback map to the same activity ids and are stored
 * once. An object's cursor moves to {@code now} only after all its rows are stored. Field lists
 * come from a cached describe; an object or field the org lacks is skipped with its reason while
 * the rest keeps syncing. When the org's daily API usage reaches the budget share, the poll stops
 * for this cycle. Two polls of one tenant never overlap (lease).
 */
@ApplicationScoped
public class SalesforcePoller {
    private static final Logger LOG = Logger.getLogger(SalesforcePoller.class);
    private static final String PROVIDER = SalesforceSecret.PROVIDER;
    /** Marks a deleted opportunity whose history must be read again if it is restored. */
    private static final String RESTORED = "deleted-opportunity#";
    /** Salesforce keeps deleted records in the recycle bin for 15 days (30 here, to be safe). */
    private static final Duration RECYCLE_BIN = Duration.ofDays(30);

    private final SalesforceTokens tokens;
    private final SalesforceReader reader;
    private final SalesforceMapper mapper;
    private final SalesforceUsers users;
    private final SalesforceNames names;
    private final io.gristmill.tenant.NoteTextPurge notes;
    private final io.gristmill.directory.EmployeeDirectory directory;
    private final DescribeCache describes;
    private final ActivityStore activities;
    private final SyncCursorStore cursors;
    private final TenantSettingsStore settings;
    private final ConnectionStore connections;
    private final LeaseStore leases;
    private final SalesforceConfig config;
    private final Clock clock;

    public SalesforcePoller(SalesforceTokens tokens, SalesforceReader reader, SalesforceMapper mapper, SalesforceUsers users,
            DescribeCache describes, ActivityStore activities, SyncCursorStore cursors, TenantSettingsStore settings,
            ConnectionStore connections, LeaseStore leases, SalesforceConfig config, Clock clock,
            io.gristmill.directory.EmployeeDirectory directory, SalesforceNames names, io.gristmill.tenant.NoteTextPurge notes) {
        this.notes = notes;
        this.directory = directory;
        this.names = names;
        this.tokens = tokens;
        this.reader = reader;
        this.mapper = mapper;
        this.users = users;
        this.describes = describes;
        this.activities = activities;
        this.cursors = cursors;
        this.settings = settings;
        this.connections = connections;
        this.leases = leases;
        this.config = config;
        this.clock = clock;
    }

    private record Plan(SalesforceObject object, List<String> fields, Map<String, List<String>> picklists, Optional<SyncCursor> cursor,
            Instant from, Instant to) {
        String soql() {
            return object.soql(fields, SalesforceTime.soql(from), SalesforceTime.soql(to));
        }

        Plan window(Instant windowFrom, Instant windowTo) {
            return new Plan(object, fields, picklists, cursor, windowFrom, windowTo);
        }

        /** A row without the values of picklist-only fields that are not one of the org's picklist values. */
        Map<String, Object> withoutFreeText(Map<String, Object> row) {
            Map<String, Object> kept = row;
            for (String field : SalesforceObject.PICKLIST_ONLY) {
                Object value = row.get(field);
                if (value != null && !picklists.getOrDefault(field, List.of()).contains(value.toString())) {
                    if (kept == row) {
                        kept = new HashMap<>(row);
                    }
                    kept.remove(field);
                }
            }
            return kept;
        }
    }

    private static final class Run {
        final PollMeter meter = new PollMeter();
        final Map<String, String> skipped = new LinkedHashMap<>();
        final Map<String, String> lastStage = new HashMap<>();
        final Map<String, Optional<io.gristmill.directory.Employee>> employees = new HashMap<>();
        final List<Map<String, Object>> users = new ArrayList<>();
        final List<Map<String, Object>> memberships = new ArrayList<>();
        boolean membershipSnapshotRead;
        /** Objects read to the end of their window in this poll. */
        final java.util.Set<String> completed = new java.util.HashSet<>();
        java.util.Set<String> selected = java.util.Set.of();
        /** Opportunity id → its references (name, account, amount), or empty when its pipeline is not selected. */
        final Map<String, Optional<Map<String, String>>> opportunities = new HashMap<>();
        /** Opportunity id → its CreatedDate, for opportunities read in this poll. */
        final Map<String, Instant> opportunityCreated = new HashMap<>();
        /** Opportunity id → its stored activity, read once per poll when a row needs what came before. */
        final Map<String, List<Activity>> stored = new HashMap<>();
        /** Opportunities restored from the recycle bin in this poll: their history is read again. */
        final java.util.Set<String> restored = new java.util.LinkedHashSet<>();
        java.util.Set<String> pipelines = java.util.Set.of();
        java.util.Set<String> groups = java.util.Set.of();
        final Map<String, Instant> behind = new LinkedHashMap<>();
        Instant deadline;
        int rows;
        int created;
        int deleted;
        boolean budgetStop;
        boolean outOfTime;
        boolean quotaRefused;
        boolean overrideAdmin;
        /** A single-currency org's currency (its opportunities have no CurrencyIsoCode). */
        String orgCurrency;
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
            Run run = new Run();
            run.deadline = clock.instant().plus(budget);
            // Withdrawn note-text opt-in: remove what is stored before reading anything new.
            notes.continuePending(tenantId, budget.dividedBy(4));
            try {
                tokens.withAccessToken(tenantId, token -> {
                    pollWith(tenantId, token, run);
                    return null;
                });
            } catch (SalesforceApiException refused) {
                if (!refused.isQuotaExhausted()) {
                    recordFailure(tenantId, refused);
                    throw refused;
                }
                // The org's quota is spent (maybe by the customer's other tools): stop for this cycle.
                run.budgetStop = true;
                run.quotaRefused = true;
            } catch (ConnectionNeedsReauthException | NotConnectedException notConnected) {
                throw notConnected; // the connection's state says it
            } catch (RuntimeException failed) {
                // Salesforce's token endpoint, Secrets Manager or DynamoDB failed: nothing moved
                // past what was stored, and the status says why until the next cycle.
                recordFailure(tenantId, failed);
                throw failed;
            }
            String status = run.budgetStop
                    ? run.quotaRefused
                            ? "paused for this cycle: Salesforce answered REQUEST_LIMIT_EXCEEDED (the org's quota is spent)"
                            : "paused for this cycle: " + run.meter.usage().map(ApiUsage::limiting).orElse("the org's") + " daily API usage reached "
                                    + percent(run.meter) + " (budget " + Math.round(config.budgetShare() * 100) + "%)"
                                    + run.meter.usage().map(u -> "; " + u.describe()).orElse("")
                    : (run.behind.isEmpty() ? "ok" : "backfilling: read up to " + run.behind)
                            + (run.skipped.isEmpty() ? "" : "; skipped " + run.skipped)
                            + run.meter.usage().map(u -> "; " + u.describe()).orElse("");
            connections.recordSyncStatus(tenantId, PROVIDER, status);
            if (!run.budgetStop && run.skipped.isEmpty() && run.behind.isEmpty()) {
                connections.recordSuccessfulSync(tenantId, PROVIDER, clock.instant());
            }
            PollReport report = new PollReport(tenantId, run.meter.calls(), run.rows, run.created, run.deleted, Map.copyOf(run.skipped),
                    run.budgetStop, false);
            LOG.infof("Salesforce poll of tenant %s: %d API calls, %d rows, %d new activities, %d deleted records, skipped %s%s",
                    tenantId, report.apiCalls(), report.rowsRead(), report.activitiesCreated(), report.recordsDeleted(), report.skipped(),
                    run.budgetStop ? ", stopped for budget" : "");
            return report;
        } catch (Exception closing) {
            throw closing instanceof RuntimeException runtime ? runtime : new IllegalStateException(closing);
        } finally {
            leases.release(lease.get());
        }
    }

    private void pollWith(String tenantId, AccessToken token, Run run) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<Plan> plans = new ArrayList<>();
        io.gristmill.tenant.TenantSettings chosen = settings.get(tenantId).settings();
        run.pipelines = java.util.Set.copyOf(chosen.salesforce().pipelines());
        run.groups = java.util.Set.copyOf(chosen.employeeGroups());
        run.overrideAdmin = chosen.directory().providersOverrideAdmin();
        // Users first: the directory they update decides who the other rows are credited to;
        // opportunities before their history: a history row needs its opportunity's pipeline.
        List<String> selected = new ArrayList<>(chosen.salesforce().objects());
        run.selected = java.util.Set.copyOf(selected);
        List<String> first = List.of("UserRole", "Group", "User", "GroupMember", "Opportunity");
        selected.sort(java.util.Comparator.comparingInt(name -> first.contains(name) ? first.indexOf(name) : first.size()));
        for (String name : selected) {
            Optional<SalesforceObject> object = SalesforceObject.named(name);
            if (object.isEmpty()) {
                continue;
            }
            DescribeCache.Described described;
            try {
                described = describes.fields(tenantId, name, () -> describe(token, name, run.meter));
            } catch (SalesforceUnavailableException down) {
                run.skipped.put(name, "Salesforce did not answer its describe (" + down.getMessage() + "); retried next cycle");
                continue;
            }
            if (described.missingReason().isPresent()) {
                run.skipped.put(name, described.missingReason().get());
                continue;
            }
            List<String> wanted = new ArrayList<>(object.get().fields());
            if ("Note".equals(name) && chosen.salesforce().noteText()) {
                wanted.addAll(List.of("Title", "Body")); // only with the tenant's explicit opt-in
            }
            List<String> fields = wanted.stream().filter(described.fields()::contains).toList();
            if (!fields.contains("Id") || !fields.contains(object.get().cursorField())) {
                run.skipped.put(name, "the org's " + name + " has no " + object.get().cursorField());
                continue;
            }
            Optional<SyncCursor> cursor = cursors.get(tenantId, PROVIDER, name);
            Instant from = object.get().snapshot() ? Instant.EPOCH
                    : cursor.map(c -> c.position().minus(config.lookback())).orElse(now.minus(config.backfill()));
            plans.add(new Plan(object.get(), fields, described.picklists(), cursor, from, now));
            if (overBudget(run)) {
                return;
            }
        }
        plans.stream().filter(p -> "Opportunity".equals(p.object().name()) && !p.fields().contains("CurrencyIsoCode")).findFirst()
                .ifPresent(single -> run.orgCurrency = orgCurrency(tenantId, token, run));
        // Objects whose whole range fits one window share composite calls (the usual incremental
        // poll); a longer range (backfill) is walked window by window, resumable via its cursor.
        java.util.function.Predicate<Plan> fitsOneWindow = p -> p.object().snapshot() || !p.from().plus(config.maxWindow()).isBefore(p.to());
        List<Plan> quick = plans.stream().filter(fitsOneWindow).toList();
        List<Plan> walk = new ArrayList<>(plans.stream().filter(fitsOneWindow.negate()).toList());
        for (int i = 0; i < quick.size() && !stopped(run); i += CompositeQueries.MAX_QUERIES) {
            List<Plan> batch = quick.subList(i, Math.min(i + CompositeQueries.MAX_QUERIES, quick.size()));
            Map<String, String> queries = new LinkedHashMap<>();
            batch.forEach(plan -> queries.put(plan.object().name(), plan.soql()));
            Map<String, Object> firstPages;
            try {
                firstPages = reader.composite(token, queries, run.meter);
            } catch (SalesforceTimeoutException slow) {
                // Too slow together: each object again alone, in narrower windows where it has any.
                batch.forEach(plan -> walkOrSkipSlow(tenantId, plan, walk, run));
                continue;
            } catch (SalesforceUnavailableException down) {
                batch.forEach(plan -> skipUnavailable(tenantId, plan, down, run));
                continue;
            } catch (SalesforceApiException refused) {
                // The whole call was refused (quota, or a malformed subrequest): skip this batch.
                batch.forEach(plan -> skipAfterError(tenantId, plan, refused, run));
                continue;
            }
            for (Plan plan : batch) {
                if (stopped(run)) {
                    return;
                }
                if (waiting(plan, run)) {
                    continue;
                }
                Object result = firstPages.get(plan.object().name());
                if (result instanceof SalesforceApiException error && "QUERY_TIMEOUT".equals(error.errorCode())) {
                    walkOrSkipSlow(tenantId, plan, walk, run);
                    continue;
                }
                if (result instanceof SalesforceApiException error) {
                    skipAfterError(tenantId, plan, error, run);
                    continue;
                }
                if (readAll(tenantId, token, plan, (QueryPage) result, run)) {
                    run.completed.add(plan.object().name());
                    if (plan.object().snapshot()) {
                        continue; // read whole every time: no cursor
                    }
                    cursors.advance(tenantId, PROVIDER, plan.object().name(), plan.cursor().map(SyncCursor::position), plan.to());
                } else {
                    run.behind.put(plan.object().name(), plan.cursor().map(SyncCursor::position).orElse(plan.from()));
                }
            }
        }
        for (Plan plan : walk) {
            if (stopped(run)) {
                return;
            }
            if (!waiting(plan, run)) {
                walkWindows(tenantId, token, plan, run);
            }
        }
        if (run.membershipSnapshotRead) {
            users.applyMemberships(tenantId, run.memberships);
        }
        restoreHistory(tenantId, token, plans, run);
    }

    /**
     * An undeleted opportunity's history rows come back with their old {@code CreatedDate}, behind
     * the cursor: they are read again by parent (one query per history object) and stored as before.
     */
    private void restoreHistory(String tenantId, AccessToken token, List<Plan> plans, Run run) {
        for (String opportunityId : run.restored) {
            for (Plan plan : plans) {
                String name = plan.object().name();
                if (!List.of("OpportunityHistory", "OpportunityFieldHistory").contains(name) || stopped(run)) {
                    continue;
                }
                try {
                    QueryPage first = reader.queryAll(token, plan.object().soqlOfParent(plan.fields(), "OpportunityId", opportunityId), run.meter);
                    readAll(tenantId, token, plan, first, run);
                    LOG.infof("Salesforce %s of restored opportunity %s (tenant %s) read again", name, opportunityId, tenantId);
                } catch (SalesforceApiException | SalesforceUnavailableException failed) {
                    // Try again next cycle: the marker comes back.
                    connections.mark(tenantId, PROVIDER, RESTORED + opportunityId, RECYCLE_BIN);
                    LOG.infof("Salesforce history of restored opportunity %s (tenant %s) not read this cycle: %s", opportunityId, tenantId,
                            failed.getMessage());
                }
            }
        }
    }

    /**
     * Reads {@code [from, to)} in windows of at most {@code maxWindow}, moving the cursor after
     * each; {@code QUERY_TIMEOUT} halves the window (down to {@code minWindow}), success widens it
     * again. Stops at the deadline or budget with the cursor at the last finished window.
     */
    private void walkWindows(String tenantId, AccessToken token, Plan plan, Run run) {
        Optional<Instant> position = plan.cursor().map(SyncCursor::position);
        Instant from = plan.from();
        Duration window = Duration.ofMillis(Math.min(config.maxWindow().toMillis(), Duration.between(from, plan.to()).toMillis()));
        while (from.isBefore(plan.to())) {
            if (stopped(run)) {
                run.behind.put(plan.object().name(), position.orElse(from));
                return;
            }
            Instant to = from.plus(window).isAfter(plan.to()) ? plan.to() : from.plus(window);
            Plan slice = plan.window(from, to);
            QueryPage first;
            try {
                first = reader.queryAll(token, slice.soql(), run.meter);
            } catch (SalesforceTimeoutException | SalesforceApiException error) {
                boolean tooSlow = error instanceof SalesforceTimeoutException
                        || "QUERY_TIMEOUT".equals(((SalesforceApiException) error).errorCode());
                if (tooSlow && window.dividedBy(2).compareTo(config.minWindow()) >= 0) {
                    window = window.dividedBy(2);
                    LOG.infof("Salesforce %s of tenant %s was too slow; narrowing the window to %s", plan.object().name(), tenantId, window);
                    continue;
                }
                if (error instanceof SalesforceApiException refused) {
                    skipAfterError(tenantId, plan, refused, run);
                } else {
                    skipUnavailable(tenantId, plan, (SalesforceUnavailableException) error, run);
                }
                return;
            } catch (SalesforceUnavailableException down) {
                skipUnavailable(tenantId, plan, down, run);
                return;
            }
            if (!readAll(tenantId, token, slice, first, run)) {
                run.behind.put(plan.object().name(), position.orElse(from));
                return;
            }
            if (position.isEmpty() || to.isAfter(position.get())) {
                cursors.advance(tenantId, PROVIDER, plan.object().name(), position, to);
                position = Optional.of(to);
            }
            from = to;
            if (!from.isBefore(plan.to())) {
                run.completed.add(plan.object().name());
            }
            window = window.multipliedBy(2).compareTo(config.maxWindow()) > 0 ? config.maxWindow() : window.multipliedBy(2);
        }
    }

    /**
     * Whether an object must wait for others to finish syncing in this poll first, so that what it
     * stores never depends on which calls happened to fail: everything waits for User (who is
     * credited), opportunity details for Opportunity (pipeline and references), and, with employee
     * groups selected, everything for Group and GroupMember. A waiting object keeps its cursor.
     */
    private boolean waiting(Plan plan, Run run) {
        String name = plan.object().name();
        List<String> prerequisites = new ArrayList<>();
        if (!List.of("User", "UserRole", "Group", "GroupMember").contains(name)) {
            prerequisites.add("User");
            if (!run.groups.isEmpty()) {
                prerequisites.addAll(List.of("Group", "GroupMember"));
            }
        }
        if (name.startsWith("Opportunity") && !"Opportunity".equals(name)) {
            prerequisites.add("Opportunity");
        }
        for (String prerequisite : prerequisites) {
            if (run.selected.contains(prerequisite) && !run.completed.contains(prerequisite)) {
                run.skipped.put(name, "waiting for " + prerequisite + " to finish syncing");
                return true;
            }
        }
        return false;
    }

    private boolean stopped(Run run) {
        if (!run.outOfTime && clock.instant().isAfter(run.deadline)) {
            run.outOfTime = true;
        }
        return overBudget(run) || run.outOfTime;
    }

    /** Stores every page of one object; false when the budget stopped it midway (cursor stays). */
    private boolean readAll(String tenantId, AccessToken token, Plan plan, QueryPage first, Run run) {
        QueryPage page = first;
        while (true) {
            List<Activity> mapped = new ArrayList<>();
            List<String> deleted = new ArrayList<>();
            for (Map<String, Object> row : page.records()) {
                map(tenantId, plan.object().name(), withCurrency(plan.withoutFreeText(row), plan, run), run, mapped, deleted);
            }
            // Deleted records' activity must not be stored again by rows of the same page.
            run.created += activities.recordAll(mapped.stream().filter(a -> !deleted.contains(a.sourceRecordId())).toList());
            for (String id : deleted) {
                activities.deleteForSourceRecord(tenantId, Source.SALESFORCE, id);
            }
            if (!page.hasMore()) {
                if ("User".equals(plan.object().name())) {
                    // Once per window read, managers before their reports, so one pass sets every manager.
                    SalesforceUsers.managersFirst(run.users).forEach(user -> users.apply(tenantId, user, run.overrideAdmin));
                    run.users.clear();
                    run.employees.clear();
                }
                if ("GroupMember".equals(plan.object().name())) {
                    run.membershipSnapshotRead = true; // applied once every group name of this poll is stored
                }
                return true;
            }
            if (stopped(run)) {
                return false;
            }
            try {
                page = reader.nextPage(token, page.nextRecordsUrl(), run.meter);
            } catch (SalesforceUnavailableException down) {
                skipUnavailable(tenantId, plan, down, run); // the cursor stays: the next cycle reads this window again
                return false;
            }
        }
    }

    /**
     * A query too slow to answer: a windowed object is read again in narrower windows; a snapshot
     * object is skipped this cycle, since only a whole snapshot may be applied and it has no
     * window to narrow (walking it from 1970 would cost thousands of calls and apply a partial one).
     */
    private void walkOrSkipSlow(String tenantId, Plan plan, List<Plan> walk, Run run) {
        if (plan.object().snapshot()) {
            run.skipped.put(plan.object().name(), "too slow to read whole in one pass; retried next cycle");
            LOG.infof("Salesforce %s of tenant %s skipped this cycle: too slow to read whole", plan.object().name(), tenantId);
        } else {
            walk.add(plan);
        }
    }

    private void recordFailure(String tenantId, RuntimeException failure) {
        String why = failure instanceof SalesforceUnavailableException || failure instanceof SalesforceApiException
                ? "Salesforce: " + failure.getMessage()
                : failure instanceof software.amazon.awssdk.core.exception.SdkException
                        ? "AWS (" + failure.getClass().getSimpleName() + ")"
                        : failure.getClass().getSimpleName();
        try {
            connections.recordSyncStatus(tenantId, PROVIDER, "failed this cycle: " + why + "; retried next cycle from the stored cursors");
        } catch (RuntimeException alsoDown) {
            LOG.warnf("Salesforce poll status of tenant %s not recorded: %s", tenantId, alsoDown.getClass().getSimpleName());
        }
    }

    private void skipUnavailable(String tenantId, Plan plan, SalesforceUnavailableException down, Run run) {
        run.skipped.put(plan.object().name(), "Salesforce did not answer (" + down.getMessage() + "); retried next cycle");
        LOG.infof("Salesforce %s of tenant %s skipped this cycle: %s", plan.object().name(), tenantId, down.getMessage());
    }

    private void map(String tenantId, String type, Map<String, Object> row, Run run, List<Activity> mapped, List<String> deleted) {
        run.rows++;
        String id = String.valueOf(row.get("Id"));
        boolean isDeleted = Boolean.TRUE.equals(row.get("IsDeleted"));
        switch (type) {
            case "UserRole" -> {
                if (isDeleted) {
                    names.remove(tenantId, "role", id);
                } else {
                    names.put(tenantId, "role", id, String.valueOf(row.get("Name")));
                }
                return;
            }
            case "Group" -> {
                if (isDeleted || !"Regular".equals(row.get("Type"))) {
                    names.remove(tenantId, "group", id); // only public groups become directory groups
                } else {
                    names.put(tenantId, "group", id, String.valueOf(row.get("DeveloperName")));
                }
                return;
            }
            case "GroupMember" -> {
                run.memberships.add(row);
                return;
            }
            default -> {
                // activity-bearing objects below
            }
        }
        if (isDeleted) {
            run.deleted++;
            deleted.add(id);
            if ("Opportunity".equals(type)) {
                // Its history activity goes with it; should it be restored, the history is read again.
                connections.mark(tenantId, PROVIDER, RESTORED + id, RECYCLE_BIN);
                run.stored.remove(id);
            }
            return;
        }
        if ("User".equals(type)) {
            run.users.add(row);
            return;
        }
        if ("Opportunity".equals(type)) {
            Instant createdAt = SalesforceTime.parse(row.get("CreatedDate"));
            if (createdAt != null) {
                run.opportunityCreated.put(id, createdAt);
            }
            if (stored(tenantId, id, run).isEmpty() && connections.takeMarker(tenantId, PROVIDER, RESTORED + id)) {
                run.restored.add(id);
            }
            Object recordType = row.get("RecordTypeId");
            boolean included = run.pipelines.isEmpty() || (recordType != null && run.pipelines.contains(recordType.toString()));
            Map<String, String> refs = new HashMap<>();
            putIfPresent(refs, "opportunityName", row.get("Name"));
            putIfPresent(refs, "accountId", row.get("AccountId"));
            putIfPresent(refs, "currency", row.get("CurrencyIsoCode"));
            run.opportunities.put(id, included ? Optional.of(refs) : Optional.empty());
            if (!included) {
                return;
            }
        }
        Optional<Map<String, String>> opportunity = Optional.empty();
        if (type.startsWith("Opportunity") && !"Opportunity".equals(type)) {
            String opportunityId = String.valueOf(row.get("OpportunityId"));
            opportunity = run.opportunities.computeIfAbsent(opportunityId, o -> storedOpportunity(tenantId, o, run));
            if (opportunity.isEmpty()) {
                return; // its pipeline is not selected (or the opportunity was never synced)
            }
        }
        Instant now = clock.instant();
        SalesforceMapper.Credit credit = (actor, at) -> run.employees
                .computeIfAbsent(actor, a -> directory.findByIdentity(tenantId, io.gristmill.directory.IdentityKind.SALESFORCE, a))
                .filter(employee -> employee.creditedAt(at))
                .map(io.gristmill.directory.Employee::employeeId);
        for (Activity mappedActivity : mapper.map(tenantId, type, row, now, history(tenantId, run), credit)) {
            Activity activity = opportunity.map(refs -> withReferences(mappedActivity, refs)).orElse(mappedActivity);
            if (!inSelectedGroups(activity, run)) {
                continue;
            }
            mapped.add(activity);
            if ("opportunity.stage_changed".equals(activity.kind()) || "opportunity.stage_set".equals(activity.kind())) {
                run.lastStage.put(activity.sourceRecordId(), activity.metadata().get("toStage"));
            }
        }
    }

    /** An opportunity synced before (its pipeline was selected then): its references from stored activity. */
    private Optional<Map<String, String>> storedOpportunity(String tenantId, String opportunityId, Run run) {
        if (!run.pipelines.isEmpty()) {
            return stored(tenantId, opportunityId, run).stream()
                    .filter(a -> "opportunity.created".equals(a.kind())).findFirst().map(Activity::references);
        }
        return Optional.of(stored(tenantId, opportunityId, run).stream()
                .filter(a -> "opportunity.created".equals(a.kind())).findFirst().map(Activity::references).orElse(Map.of()));
    }

    /**
     * History rows do not carry the opportunity's name, account and currency: a recap needs them on
     * every item. Only those are copied (amounts come from the rows themselves), so the result is the
     * same whether the opportunity was read in this poll or an earlier one.
     */
    private static Activity withReferences(Activity activity, Map<String, String> opportunity) {
        Map<String, String> refs = new HashMap<>(activity.references());
        for (String key : List.of("opportunityName", "accountId", "currency")) {
            if (opportunity.get(key) != null) {
                refs.putIfAbsent(key, opportunity.get(key));
            }
        }
        return new Activity(activity.tenantId(), activity.employeeId(), activity.occurredAt(), activity.source(), activity.kind(),
                activity.sourceRecordId(), activity.sourceFactId(), refs, activity.measures(), activity.metadata());
    }

    /** With employee groups selected, only their members' work is synced; unknown people's is kept unattributed. */
    private static boolean inSelectedGroups(Activity activity, Run run) {
        if (run.groups.isEmpty() || activity.employeeId().isEmpty()) {
            return true;
        }
        String actor = activity.metadata().get("salesforceUserId");
        return Optional.ofNullable(actor).map(run.employees::get).flatMap(e -> e)
                .map(employee -> employee.groups().stream().anyMatch(run.groups::contains))
                .orElse(true);
    }

    private static void putIfPresent(Map<String, String> map, String key, Object value) {
        if (value != null) {
            map.put(key, value.toString());
        }
    }

    /** An opportunity of a single-currency org carries the org's currency, as a multi-currency org's rows carry theirs. */
    private static Map<String, Object> withCurrency(Map<String, Object> row, Plan plan, Run run) {
        if (run.orgCurrency == null || !"Opportunity".equals(plan.object().name()) || row.get("CurrencyIsoCode") != null) {
            return row;
        }
        Map<String, Object> copy = new HashMap<>(row);
        copy.put("CurrencyIsoCode", run.orgCurrency);
        return copy;
    }

    /**
     * The org's default currency ({@code Organization.DefaultCurrencyIsoCode}), read once a day
     * (kept with the describes); empty when Salesforce does not answer (amounts are then stored
     * without a currency, as before).
     */
    private String orgCurrency(String tenantId, AccessToken token, Run run) {
        try {
            return describes.fields(tenantId, "Organization.DefaultCurrencyIsoCode", () -> {
                QueryPage page = reader.queryAll(token, "SELECT Id, DefaultCurrencyIsoCode FROM Organization", run.meter);
                List<String> code = page.records().stream().map(r -> r.get("DefaultCurrencyIsoCode")).filter(java.util.Objects::nonNull)
                        .map(Object::toString).filter(c -> c.matches("[A-Z]{3}")).limit(1).toList();
                return new DescribeCache.Described(code, Optional.empty());
            }).fields().stream().findFirst().orElse(null);
        } catch (SalesforceApiException | SalesforceUnavailableException unknown) {
            LOG.infof("Salesforce org currency of tenant %s not read: %s", tenantId, unknown.getMessage());
            return null;
        }
    }

    /** What came before a row: this poll's earlier rows first, else the opportunity's stored activity. */
    private SalesforceMapper.History history(String tenantId, Run run) {
        return new SalesforceMapper.History() {
            @Override
            public Optional<String> previousStage(String opportunity, Map<String, Object> row) {
                String seen = run.lastStage.get(opportunity);
                if (seen != null) {
                    return Optional.of(seen);
                }
                Instant at = SalesforceTime.parse(row.get("CreatedDate"));
                String rowId = String.valueOf(row.get("Id"));
                return stored(tenantId, opportunity, run).stream()
                        .filter(a -> "opportunity.stage_changed".equals(a.kind()) || "opportunity.stage_set".equals(a.kind()))
                        .filter(a -> at == null || a.occurredAt().isBefore(at))
                        .filter(a -> !a.sourceFactId().equals(rowId))
                        .reduce((first, second) -> second)
                        .map(a -> a.metadata().get("toStage"));
            }

            @Override
            public Optional<Instant> opportunityCreated(String opportunity) {
                Instant seen = run.opportunityCreated.get(opportunity);
                return seen != null ? Optional.of(seen)
                        : stored(tenantId, opportunity, run).stream().filter(a -> "opportunity.created".equals(a.kind()))
                                .findFirst().map(Activity::occurredAt);
            }

            @Override
            public int reopens(String opportunity) {
                return (int) stored(tenantId, opportunity, run).stream().filter(a -> "opportunity.reopened".equals(a.kind())).count();
            }

            @Override
            public boolean closed(String opportunity) {
                String latestClose = opportunity + ":closed#" + (reopens(opportunity) + 1);
                return stored(tenantId, opportunity, run).stream().anyMatch(a -> latestClose.equals(a.sourceFactId()));
            }
        };
    }

    /** An opportunity's stored activity, oldest first, read once per poll. */
    private List<Activity> stored(String tenantId, String opportunityId, Run run) {
        return run.stored.computeIfAbsent(opportunityId, id -> activities.forSourceRecord(tenantId, Source.SALESFORCE, id).stream()
                .sorted(java.util.Comparator.comparing(Activity::occurredAt)).toList());
    }

    private void skipAfterError(String tenantId, Plan plan, SalesforceApiException error, Run run) {
        String name = plan.object().name();
        if (error.isMissingObjectOrField()) {
            // The org changed (a field went away): describe it afresh next time.
            describes.forget(tenantId, name);
        } else if (error.isQuotaExhausted()) {
            run.budgetStop = true;
            run.quotaRefused = true;
        }
        run.skipped.put(name, error.getMessage());
        LOG.infof("Salesforce %s of tenant %s skipped this cycle: %s", name, tenantId, error.getMessage());
    }

    private DescribeCache.Described describe(AccessToken token, String name, PollMeter meter) {
        try {
            return reader.describe(token, name, meter);
        } catch (SalesforceApiException e) {
            if (e.isMissingObjectOrField()) {
                return new DescribeCache.Described(List.of(), Optional.of("the org has no " + name + " (" + e.errorCode() + ")"));
            }
            throw e;
        }
    }

    private boolean overBudget(Run run) {
        if (run.meter.usage().map(u -> u.share() >= config.budgetShare()).orElse(false)) {
            run.budgetStop = true;
        }
        return run.budgetStop;
    }

    private static String percent(PollMeter meter) {
        return meter.usage().map(u -> Math.round(u.share() * 100) + "%").orElse("?");
    }
}
