package io.gristmill.front;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.gristmill.activity.Activity;
import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.WriteOutcome;
import io.gristmill.aws.LeaseStore;
import io.gristmill.connection.ConnectionStore;
import io.gristmill.sync.SyncCursor;
import io.gristmill.sync.SyncCursorStore;
import io.gristmill.tenant.TenantSettings;
import io.gristmill.tenant.TenantSettingsStore;

/**
 * Stores what Front's webhooks missed (delivery is at least once, with possible loss; rule
 * webhooks are never retried). Per tenant: refresh the teammate directory, then read
 * {@code GET /events} oldest first from the cursor (minus an overlap, since Front does not say
 * whether {@code q[after]} is inclusive; the first run reads the backfill window) in the chosen
 * inboxes, following {@code _pagination.next} to the end. Events map to the same activity ids as
 * their webhook deliveries, so what a webhook stored is recognized, not stored twice. The cursor
 * moves after each stored page (the newest {@code emitted_at} on it), so a run that stops — rate
 * limit, deadline — continues there next time. Front's rate limit is shared with the company's
 * other integrations: a run stops while a reserve is left, and waits out only short
 * {@code retry-after}s.
 */
@ApplicationScoped
public class FrontReconciler {
    static final String CURSOR = "events";
    private static final Logger LOG = Logger.getLogger(FrontReconciler.class);
    private static final String LEASE = "front-reconcile";

    private final FrontTokens tokens;
    private final TenantSettingsStore settings;
    private final FrontClient client;
    private final FrontTeammates teammates;
    private final FrontInboxScope scope;
    private final FrontMapper mapper;
    private final ActivityStore activities;
    private final SyncCursorStore cursors;
    private final ConnectionStore connections;
    private final LeaseStore leases;
    private final FrontCatalog catalog;
    private final FrontConfig config;
    private final Clock clock;
    private final List<AfterReconcile> afterwards;

    public FrontReconciler(FrontTokens tokens, FrontClient client, FrontTeammates teammates, FrontInboxScope scope, FrontMapper mapper,
            ActivityStore activities, SyncCursorStore cursors, ConnectionStore connections, LeaseStore leases, FrontConfig config,
            Clock clock, FrontCatalog catalog, jakarta.enterprise.inject.Instance<AfterReconcile> afterwards, TenantSettingsStore settings) {
        this.afterwards = afterwards.stream().toList();
        this.settings = settings;
        this.catalog = catalog;
        this.tokens = tokens;
        this.client = client;
        this.teammates = teammates;
        this.scope = scope;
        this.mapper = mapper;
        this.activities = activities;
        this.cursors = cursors;
        this.connections = connections;
        this.leases = leases;
        this.config = config;
        this.clock = clock;
    }

    /** Why a run that ran out of time with events left stopped (a worker continues it at once). */
    static final String DEADLINE_REACHED = "deadline reached; continues next run";

    public ReconcileReport reconcile(String tenantId) {
        Optional<LeaseStore.Lease> lease = leases.tryAcquire(tenantId, LEASE, config.reconcileLease());
        if (lease.isEmpty()) {
            return ReconcileReport.busy(tenantId);
        }
        try (AutoCloseable alive = leases.keepAlive(lease.get(), config.reconcileLease())) {
            return reconcileHoldingLease(tenantId);
        } catch (Exception closing) {
            throw closing instanceof RuntimeException runtime ? runtime : new IllegalStateException(closing);
        } finally {
            leases.release(lease.get());
        }
    }

    /** One run's progress: what was read and stored, where the cursor stands, and why it stopped. */
    private static final class Run {
        final FrontRateMeter meter = new FrontRateMeter();
        final Instant started;
        final Instant deadline;
        Optional<Instant> position;
        int people;
        int read;
        int stored;
        int duplicates;
        int ignored;
        String stopped;
        boolean caughtUp;
        final List<String> notes = new ArrayList<>();

        Run(Instant started, Instant deadline, Optional<Instant> position) {
            this.started = started;
            this.deadline = deadline;
            this.position = position;
        }
    }

    private ReconcileReport reconcileHoldingLease(String tenantId) {
        String token = tokens.current(tenantId);
        Instant started = clock.instant();
        Run run = new Run(started, started.plus(config.reconcileDeadline()),
                cursors.get(tenantId, FrontSecret.PROVIDER, CURSOR).map(SyncCursor::position));
        try {
            TenantSettings chosen = settings.get(tenantId).settings(); // read once for the teammates and the inboxes
            run.people = teammates.sync(tenantId, chosen.directory().providersOverrideAdmin(), token, run.meter, started, run.deadline,
                    config.rateLimitReserve());
            Optional<Set<String>> inboxes = scope.inboxes(tenantId, chosen.front(), token, run.meter);
            if (inboxes.isPresent() && inboxes.get().isEmpty()) {
                run.caughtUp = true; // the chosen teams have no inboxes: nothing counts
            } else {
                readEvents(tenantId, token, inboxes.map(set -> List.copyOf(new TreeSet<>(set))).orElse(List.of()), run);
            }
            if (run.caughtUp && !run.meter.belowReserve(config.rateLimitReserve())) {
                // Last and least: only a run that read everything spends calls on it.
                refreshCatalog(tenantId, token, run.meter, started);
            }
            if (run.caughtUp) {
                for (AfterReconcile step : afterwards) {
                    step.run(tenantId, token, run.meter, run.deadline).ifPresent(run.notes::add);
                }
            }
        } catch (FrontTeammates.TeammatesUnfinishedException e) {
            run.stopped = e.getMessage() + "; continues next run";
        } catch (FrontRateLimitedException e) {
            run.stopped = "Front's rate limit was reached (retry after " + e.retryAfter().toSeconds() + " s); continues next run";
        } catch (FrontUnavailableException | FrontApiException e) {
            run.stopped = e.getMessage() + "; continues next run";
        } catch (FrontUnauthorizedException e) {
            run.stopped = "Front refused the stored token; reconnect Front";
            connections.markReconnectRequired(tenantId, FrontSecret.PROVIDER, run.stopped);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            // DynamoDB or Secrets Manager failed: the cursor is at the last stored page; say why.
            run.stopped = "AWS (" + e.getClass().getSimpleName() + ") failed; continues next run from the stored cursor";
        }
        return report(tenantId, run);
    }

    /** Reads {@code GET /events} page by page from the cursor (minus the overlap) until the end, the deadline or the reserve. */
    private void readEvents(String tenantId, String token, List<String> inboxes, Run run) {
        // Never further back than the backfill window, e.g. after a long disconnection.
        Instant oldest = run.started.minus(config.backfill());
        Instant from = run.position.map(p -> p.minus(config.overlap())).filter(p -> p.isAfter(oldest)).orElse(oldest);
        Optional<String> page = Optional.empty();
        Map<String, Integer> pageTokens = new HashMap<>();
        while (run.stopped == null) {
            if (clock.instant().isAfter(run.deadline)) {
                run.stopped = DEADLINE_REACHED;
            } else if (run.meter.belowReserve(config.rateLimitReserve())) {
                run.stopped = "paused to leave Front's rate limit to others (" + run.meter.describe() + "); continues next run";
            } else {
                FrontPage events = client.events(token, from, inboxes, page, run.meter);
                storePage(tenantId, events, run);
                page = events.nextPageToken();
                if (page.isEmpty()) {
                    run.caughtUp = true;
                    return;
                }
                if (pageTokens.merge(page.get(), 1, Integer::sum) > FrontTeammates.MAX_SAME_PAGE) {
                    run.stopped = "Front's event pages repeat (page token seen before); continues next run";
                }
            }
        }
    }

    /** Stores a page's events, then moves the cursor to the newest of them. */
    private void storePage(String tenantId, FrontPage events, Run run) {
        Instant newest = null;
        for (JsonNode json : events.results()) {
            run.read++;
            Optional<FrontEvent> event = parse(tenantId, json);
            if (event.isEmpty()) {
                run.ignored++;
                continue;
            }
            newest = newest == null || event.get().emittedAt().isAfter(newest) ? event.get().emittedAt() : newest;
            store(tenantId, event.get(), run);
        }
        if (newest != null && (run.position.isEmpty() || newest.isAfter(run.position.get()))
                && cursors.advance(tenantId, FrontSecret.PROVIDER, CURSOR, run.position, newest)) {
            run.position = Optional.of(newest);
        }
    }

    private static Optional<FrontEvent> parse(String tenantId, JsonNode json) {
        try {
            return Optional.of(FrontEvent.parse(json, null));
        } catch (IllegalArgumentException | ArithmeticException unusable) {
            LOG.infof("Ignored an unusable Front event of tenant %s: %s", tenantId, unusable.getMessage());
            return Optional.empty();
        }
    }

    private void store(String tenantId, FrontEvent event, Run run) {
        Optional<Map.Entry<String, BigDecimal>> callEnd = mapper.callDuration(tenantId, event);
        if (callEnd.isPresent()) {
            // The call was recorded when it connected (earlier on this page or before): add how long it lasted.
            boolean filled = activities.fillMeasures(tenantId, callEnd.get().getKey(), Map.of("durationSeconds", callEnd.get().getValue()));
            run.ignored += filled ? 0 : 1;
            run.duplicates += filled ? 1 : 0;
            return;
        }
        Optional<Activity> activity = mapper.map(tenantId, event);
        if (activity.isEmpty()) {
            run.ignored++;
        } else if (activities.record(activity.get()) == WriteOutcome.ALREADY_STORED) {
            run.duplicates++;
        } else {
            run.stored++;
        }
    }

    private ReconcileReport report(String tenantId, Run run) {
        ReconcileReport report = new ReconcileReport(tenantId, run.meter.calls(), run.people, run.read, run.stored, run.duplicates, run.ignored,
                run.caughtUp, run.stopped, false, run.position.orElse(null));
        Set<String> missingTeams = scope.missingTeams(tenantId);
        connections.recordSync(tenantId, FrontSecret.PROVIDER, status(report, run.position, run.started)
                + run.notes.stream().map(note -> "; " + note).collect(java.util.stream.Collectors.joining())
                + (missingTeams.isEmpty() ? "" : "; skipped chosen " + (missingTeams.size() == 1 ? "team " : "teams ")
                        + String.join(", ", missingTeams) + ": no longer in Front (deleted?); choose again in the settings"),
                run.caughtUp ? Optional.of(run.started) : Optional.empty());
        LOG.infof("Front reconciliation of tenant %s: %d API calls, %d teammates, %d events read, %d stored (missed by webhooks), "
                + "%d already stored, %d ignored%s", tenantId, report.apiCalls(), run.people, run.read, run.stored, run.duplicates,
                run.ignored, run.stopped == null ? "" : "; stopped: " + run.stopped);
        return report;
    }

    /** How long the account's inbox and team ids are trusted before they are read again. */
    private static final java.time.Duration CATALOG_AGE = java.time.Duration.ofHours(6);

    /** The account's inbox and team ids, read again every few hours (two or three calls), for settings to check choices against. */
    private void refreshCatalog(String tenantId, String token, FrontRateMeter meter, Instant now) {
        if (catalog.get(tenantId).filter(known -> known.readAt().isAfter(now.minus(CATALOG_AGE))).isPresent()) {
            return;
        }
        try {
            catalog.put(tenantId, client.allInboxIds(token, meter), client.allTeamIds(token, meter), now);
        } catch (FrontUnavailableException | FrontApiException | FrontRateLimitedException notNow) {
            LOG.infof("Front inboxes and teams of tenant %s not read this run: %s", tenantId, notNow.getMessage());
        }
    }

    private String status(ReconcileReport report, Optional<Instant> position, Instant started) {
        String readUpTo = position.map(p -> "read up to " + p).orElse("nothing read yet");
        if (report.caughtUp()) {
            return "up to date at " + started + " (" + readUpTo + "); last run stored " + report.stored() + " missed events";
        }
        boolean backfilling = position.isEmpty() || position.get().isBefore(started.minus(config.overlap()).minus(config.overlap()));
        return (backfilling ? "backfilling: " : "behind: ") + readUpTo + "; " + report.stopped();
    }
}
