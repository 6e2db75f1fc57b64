package io.gristmill.salesforce;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gristmill.activity.Activity;
import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.Source;

/**
 * Reads a poll's plans and stores what their rows mean. Objects whose whole range fits one window
 * share composite calls (the usual incremental poll); a longer range (backfill) is walked window by
 * window, resumable via its cursor. An object's cursor moves only after all its rows are stored.
 */
@ApplicationScoped
class PlanReader {
    private static final Logger LOG = Logger.getLogger(PlanReader.class);

    private final SalesforceReader reader;
    private final ActivityStore activities;
    private final CursorPositions positions;
    private final SkipReasons skips;
    private final SalesforceConfig config;

    PlanReader(SalesforceReader reader, ActivityStore activities, CursorPositions positions, SkipReasons skips, SalesforceConfig config) {
        this.reader = reader;
        this.activities = activities;
        this.positions = positions;
        this.skips = skips;
        this.config = config;
    }

    /** Reads every plan it can in this poll; true when it got to the end (not stopped for time or budget). */
    boolean read(AccessToken token, List<ObjectPlan> plans, PollState state) {
        boolean finished = readPlans(token, plans, state);
        if (!finished) {
            // What the stop left unread is behind, where its cursor is: the status shows a backfill in progress.
            plans.stream().filter(plan -> !plan.snapshot() && !state.completed.contains(plan.name()) && !state.skipped.containsKey(plan.name()))
                    .forEach(plan -> state.behind.putIfAbsent(plan.name(), CursorPositions.of(plan, state).orElse(plan.from())));
        }
        return finished;
    }

    private boolean readPlans(AccessToken token, List<ObjectPlan> plans, PollState state) {
        List<ObjectPlan> quick = plans.stream().filter(this::fitsOneWindow).toList();
        List<ObjectPlan> walk = new ArrayList<>(plans.stream().filter(p -> !fitsOneWindow(p)).toList());
        for (int i = 0; i < quick.size(); i += CompositeQueries.MAX_QUERIES) {
            if (state.stopped() || !readTogether(token, quick.subList(i, Math.min(i + CompositeQueries.MAX_QUERIES, quick.size())), walk, state)) {
                return false;
            }
        }
        for (ObjectPlan plan : walk) {
            if (state.stopped()) {
                return false;
            }
            if (!waiting(plan, state)) {
                walkWindows(token, plan, state);
            }
        }
        return true;
    }

    private boolean fitsOneWindow(ObjectPlan plan) {
        return plan.snapshot() || !plan.from().plus(config.maxWindow()).isBefore(plan.to());
    }

    /** First pages of up to five objects in one composite call; false when the poll stopped. */
    private boolean readTogether(AccessToken token, List<ObjectPlan> batch, List<ObjectPlan> walk, PollState state) {
        Map<String, String> queries = new LinkedHashMap<>();
        batch.forEach(plan -> queries.put(plan.name(), plan.soql()));
        Map<String, SalesforceReader.FirstPage> firstPages;
        try {
            firstPages = reader.composite(token, queries, state.meter);
        } catch (SalesforceTimeoutException slow) {
            // Too slow together: each object again alone, in narrower windows where it has any.
            batch.forEach(plan -> walkOrSkipSlow(plan, walk, state));
            return true;
        } catch (SalesforceUnavailableException down) {
            batch.forEach(plan -> skips.unavailable(plan.name(), down, state));
            return true;
        } catch (SalesforceApiException refused) {
            // The whole call was refused (quota, or a malformed subrequest): skip this batch.
            batch.forEach(plan -> skips.afterError(plan.name(), refused, state));
            return true;
        }
        for (ObjectPlan plan : batch) {
            if (state.stopped()) {
                return false;
            }
            Optional<String> awaited = awaited(plan, state);
            if (awaited.isEmpty()) {
                readFirstPage(token, plan, firstPages.get(plan.name()), walk, state);
            } else if (!plan.snapshot() && walk.stream().anyMatch(w -> w.name().equals(awaited.get()))) {
                walk.add(plan); // what it waits for is read in narrower windows first: so is it, after it
            } else {
                state.skip(plan.name(), "waiting for " + awaited.get() + " to finish syncing");
            }
        }
        return true;
    }

    private void readFirstPage(AccessToken token, ObjectPlan plan, SalesforceReader.FirstPage result, List<ObjectPlan> walk,
            PollState state) {
        switch (result) {
            case SalesforceReader.FirstPage.Refused refused when "QUERY_TIMEOUT".equals(refused.error().errorCode()) ->
                walkOrSkipSlow(plan, walk, state);
            case SalesforceReader.FirstPage.Refused refused -> skips.afterError(plan.name(), refused.error(), state);
            case SalesforceReader.FirstPage.Read read -> {
                if (!readAll(token, plan, read.page(), state)) {
                    state.behind.put(plan.name(), CursorPositions.of(plan, state).orElse(plan.from()));
                    return;
                }
                state.completed.add(plan.name());
                if (!plan.snapshot()) { // a snapshot is read whole every time: no cursor
                    positions.readWindow(plan, state, plan.to(), read.page().records().isEmpty() && !read.page().hasMore());
                }
            }
        }
    }

    /**
     * A query too slow to answer: a windowed object is read again in narrower windows; a snapshot
     * object is skipped this cycle, since only a whole snapshot may be applied and it has no
     * window to narrow (walking it from 1970 would cost thousands of calls and apply a partial one).
     */
    private void walkOrSkipSlow(ObjectPlan plan, List<ObjectPlan> walk, PollState state) {
        if (plan.snapshot()) {
            state.skip(plan.name(), "too slow to read whole in one pass; retried next cycle");
            LOG.infof("Salesforce %s of tenant %s skipped this cycle: too slow to read whole", plan.name(), state.tenantId());
        } else {
            walk.add(plan);
        }
    }

    /**
     * Reads {@code [from, to)} in windows of at most {@code maxWindow}, moving the cursor after
     * each; {@code QUERY_TIMEOUT} halves the window (down to {@code minWindow}), success widens it
     * again, though never back to a width that timed out in this walk (each such retry is a wasted
     * call). Stops at the deadline or budget with the cursor at the last finished page.
     */
    private void walkWindows(AccessToken token, ObjectPlan plan, PollState state) {
        Instant from = plan.from();
        Duration window = Duration.ofMillis(Math.min(config.maxWindow().toMillis(), Duration.between(from, plan.to()).toMillis()));
        Duration tooSlowAt = null; // the narrowest window that timed out: never widened back to it in this walk
        while (from.isBefore(plan.to())) {
            if (state.stopped()) {
                state.behind.put(plan.name(), CursorPositions.of(plan, state).orElse(from));
                return;
            }
            Instant to = from.plus(window).isAfter(plan.to()) ? plan.to() : from.plus(window);
            ObjectPlan slice = plan.window(from, to);
            WindowAttempt first = firstPageOfWindow(token, slice, window, state);
            if (first.tooSlow()) {
                tooSlowAt = tooSlowAt == null || window.compareTo(tooSlowAt) < 0 ? window : tooSlowAt;
                window = window.dividedBy(2);
                LOG.infof("Salesforce %s of tenant %s was too slow; narrowing the window to %s", plan.name(), state.tenantId(), window);
                continue;
            }
            if (first.page().isEmpty()) {
                return; // skipped, with its reason
            }
            if (!readAll(token, slice, first.page().get(), state)) {
                state.behind.put(plan.name(), CursorPositions.of(plan, state).orElse(from));
                return;
            }
            positions.advance(plan, state, to);
            from = to;
            if (!from.isBefore(plan.to())) {
                state.completed.add(plan.name());
            }
            Duration wider = window.multipliedBy(2).compareTo(config.maxWindow()) > 0 ? config.maxWindow() : window.multipliedBy(2);
            window = tooSlowAt != null && wider.compareTo(tooSlowAt) >= 0 ? window : wider;
        }
    }

    /** A window's first page; or it was too slow and can be narrowed; or neither, and the object is skipped with its reason. */
    private record WindowAttempt(Optional<QueryPage> page, boolean tooSlow) {
        static final WindowAttempt NARROW = new WindowAttempt(Optional.empty(), true);
        static final WindowAttempt SKIPPED = new WindowAttempt(Optional.empty(), false);
    }

    private WindowAttempt firstPageOfWindow(AccessToken token, ObjectPlan slice, Duration window, PollState state) {
        try {
            return new WindowAttempt(Optional.of(reader.queryAll(token, slice.soql(), state.meter)), false);
        } catch (SalesforceTimeoutException | SalesforceApiException error) {
            boolean tooSlow = error instanceof SalesforceTimeoutException
                    || "QUERY_TIMEOUT".equals(((SalesforceApiException) error).errorCode());
            if (tooSlow && window.dividedBy(2).compareTo(config.minWindow()) >= 0) {
                return WindowAttempt.NARROW;
            }
            if (error instanceof SalesforceApiException refused) {
                skips.afterError(slice.name(), refused, state);
            } else {
                skips.unavailable(slice.name(), (SalesforceUnavailableException) error, state);
            }
            return WindowAttempt.SKIPPED;
        } catch (SalesforceUnavailableException down) {
            skips.unavailable(slice.name(), down, state);
            return WindowAttempt.SKIPPED;
        }
    }

    /**
     * Whether an object must wait for others to finish syncing in this poll first (its
     * prerequisites, when selected). A waiting object keeps its cursor.
     */
    private static boolean waiting(ObjectPlan plan, PollState state) {
        Optional<String> awaited = awaited(plan, state);
        awaited.ifPresent(prerequisite -> state.skip(plan.name(), "waiting for " + prerequisite + " to finish syncing"));
        return awaited.isPresent();
    }

    /** A selected prerequisite of the object that has not finished syncing in this poll, if any. */
    private static Optional<String> awaited(ObjectPlan plan, PollState state) {
        return plan.object().prerequisites(!state.groups.isEmpty()).stream()
                .filter(prerequisite -> state.selected.contains(prerequisite) && !state.completed.contains(prerequisite)).findFirst();
    }

    /**
     * Stores every page of one object; false when the budget stopped it midway (cursor stays).
     * The next page is fetched while this one is stored: the two wait on different services.
     */
    boolean readAll(AccessToken token, ObjectPlan plan, QueryPage first, PollState state) {
        QueryPage page = first;
        while (true) {
            CompletableFuture<QueryPage> next = page.hasMore() && !state.stopped() ? fetch(token, page.nextRecordsUrl(), state) : null;
            store(plan, page, state);
            if (!page.hasMore()) {
                plan.object().windowRead(state);
                return true;
            }
            positions.storedPage(plan, page, state);
            if (next == null || state.stopped()) {
                return false;
            }
            try {
                page = next.join();
            } catch (CompletionException failed) {
                if (failed.getCause() instanceof SalesforceUnavailableException down) {
                    skips.unavailable(plan.name(), down, state); // the cursor stays: the next cycle reads this window again
                    return false;
                }
                throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
            }
        }
    }

    private CompletableFuture<QueryPage> fetch(AccessToken token, String nextRecordsUrl, PollState state) {
        return CompletableFuture.supplyAsync(() -> reader.nextPage(token, nextRecordsUrl, state.meter), PREFETCH);
    }

    /** Runs page prefetches: one per poll at a time, waiting on the network. */
    private static final Executor PREFETCH = Executors.newVirtualThreadPerTaskExecutor();

    private void store(ObjectPlan plan, QueryPage page, PollState state) {
        List<Activity> mapped = new ArrayList<>();
        for (Map<String, Object> row : page.records()) {
            state.rows++;
            if (Boolean.TRUE.equals(row.get("IsDeleted"))) {
                plan.object().deleted(String.valueOf(row.get("Id")), state);
            } else {
                plan.object().map(plan.withoutFreeText(row), state).stream().filter(state::inSelectedGroups).forEach(mapped::add);
            }
        }
        List<String> deleted = state.takeDeletedInPage();
        // Deleted records' activity must not be stored again by rows of the same page.
        state.created += activities.recordAll(mapped.stream().filter(a -> !deleted.contains(a.sourceRecordId())).toList());
        for (String id : deleted) {
            activities.deleteForSourceRecord(state.tenantId(), Source.SALESFORCE, id);
        }
    }
}
