package io.gristmill.front;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

    public FrontReconciler(FrontTokens tokens, FrontClient client, FrontTeammates teammates, FrontInboxScope scope, FrontMapper mapper,
            ActivityStore activities, SyncCursorStore cursors, ConnectionStore connections, LeaseStore leases, FrontConfig config,
            Clock clock, FrontCatalog catalog) {
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

    private ReconcileReport reconcileHoldingLease(String tenantId) {
        String token = tokens.current(tenantId);
        Instant started = clock.instant();
        Instant deadline = started.plus(config.reconcileDeadline());
        FrontRateMeter meter = new FrontRateMeter();
        int people = 0;
        int read = 0;
        int stored = 0;
        int duplicates = 0;
        int ignored = 0;
        String stopped = null;
        boolean caughtUp = false;
        Optional<SyncCursor> cursor = cursors.get(tenantId, FrontSecret.PROVIDER, CURSOR);
        Optional<Instant> position = cursor.map(SyncCursor::position);
        try {
            people = teammates.sync(tenantId, token, meter, started, deadline, config.rateLimitReserve());
            Optional<Set<String>> inboxes = scope.inboxes(tenantId, token, meter);
            if (inboxes.isPresent() && inboxes.get().isEmpty()) {
                caughtUp = true; // the chosen teams have no inboxes: nothing counts
            } else {
                // Never further back than the backfill window, e.g. after a long disconnection.
                Instant oldest = started.minus(config.backfill());
                Instant from = position.map(p -> p.minus(config.overlap())).filter(p -> p.isAfter(oldest)).orElse(oldest);
                List<String> inboxList = inboxes.map(set -> new ArrayList<>(new java.util.TreeSet<>(set))).map(List::copyOf).orElse(List.of());
                Optional<String> page = Optional.empty();
                java.util.Map<String, Integer> pageTokens = new java.util.HashMap<>();
                while (true) {
                    if (clock.instant().isAfter(deadline)) {
                        stopped = "deadline reached; continues next run";
                        break;
                    }
                    if (meter.belowReserve(config.rateLimitReserve())) {
                        stopped = "paused to leave Front's rate limit to others (" + meter.describe() + "); continues next run";
                        break;
                    }
                    FrontPage events = client.events(token, from, inboxList, page, meter);
                    Instant newest = null;
                    for (JsonNode json : events.results()) {
                        read++;
                        FrontEvent event;
                        try {
                            event = FrontEvent.parse(json, null);
                        } catch (IllegalArgumentException | ArithmeticException unusable) {
                            ignored++;
                            LOG.infof("Ignored an unusable Front event of tenant %s: %s", tenantId, unusable.getMessage());
                            continue;
                        }
                        newest = newest == null || event.emittedAt().isAfter(newest) ? event.emittedAt() : newest;
                        Optional<java.util.Map.Entry<String, java.math.BigDecimal>> callEnd = mapper.callDuration(tenantId, event);
                        if (callEnd.isPresent()) {
                            // The call was recorded when it connected (earlier on this page or before): add how long it lasted.
                            boolean filled = activities.fillMeasures(tenantId, callEnd.get().getKey(),
                                    java.util.Map.of("durationSeconds", callEnd.get().getValue()));
                            ignored += filled ? 0 : 1;
                            duplicates += filled ? 1 : 0;
                            continue;
                        }
                        Optional<Activity> activity = mapper.map(tenantId, event);
                        if (activity.isEmpty()) {
                            ignored++;
                        } else if (activities.record(activity.get()) == WriteOutcome.ALREADY_STORED) {
                            duplicates++;
                        } else {
                            stored++;
                        }
                    }
                    if (newest != null && (position.isEmpty() || newest.isAfter(position.get()))
                            && cursors.advance(tenantId, FrontSecret.PROVIDER, CURSOR, position, newest)) {
                        position = Optional.of(newest);
                    }
                    page = events.nextPageToken();
                    if (page.isEmpty()) {
                        caughtUp = true;
                        break;
                    }
                    if (pageTokens.merge(page.get(), 1, Integer::sum) > FrontTeammates.MAX_SAME_PAGE) {
                        stopped = "Front's event pages repeat (page token seen before); continues next run";
                        break;
                    }
                }
            }
            if (caughtUp && !meter.belowReserve(config.rateLimitReserve())) {
                // Last and least: only a run that read everything spends calls on it.
                refreshCatalog(tenantId, token, meter, started);
            }
        } catch (FrontTeammates.TeammatesUnfinishedException e) {
            stopped = e.getMessage() + "; continues next run";
        } catch (FrontRateLimitedException e) {
            stopped = "Front's rate limit was reached (retry after " + e.retryAfter().toSeconds() + " s); continues next run";
        } catch (FrontUnavailableException | FrontApiException e) {
            stopped = e.getMessage() + "; continues next run";
        } catch (FrontUnauthorizedException e) {
            stopped = "Front refused the stored token; reconnect Front";
            connections.markReconnectRequired(tenantId, FrontSecret.PROVIDER, stopped);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            // DynamoDB or Secrets Manager failed: the cursor is at the last stored page; say why.
            stopped = "AWS (" + e.getClass().getSimpleName() + ") failed; continues next run from the stored cursor";
        }
        ReconcileReport report = new ReconcileReport(tenantId, meter.calls(), people, read, stored, duplicates, ignored, caughtUp, stopped, false);
        Set<String> missingTeams = scope.missingTeams(tenantId);
        connections.recordSyncStatus(tenantId, FrontSecret.PROVIDER, status(report, position, started)
                + (missingTeams.isEmpty() ? "" : "; skipped chosen " + (missingTeams.size() == 1 ? "team " : "teams ")
                        + String.join(", ", missingTeams) + ": no longer in Front (deleted?); choose again in the settings"));
        if (caughtUp) {
            connections.recordSuccessfulSync(tenantId, FrontSecret.PROVIDER, started);
        }
        LOG.infof("Front reconciliation of tenant %s: %d API calls, %d teammates, %d events read, %d stored (missed by webhooks), "
                + "%d already stored, %d ignored%s", tenantId, report.apiCalls(), people, read, stored, duplicates, ignored,
                stopped == null ? "" : "; stopped: " + stopped);
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
