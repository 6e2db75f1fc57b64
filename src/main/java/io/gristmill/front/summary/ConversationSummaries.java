package io.gristmill.front.summary;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.gristmill.activity.Activity;
import io.gristmill.activity.ActivityStore;
import io.gristmill.front.AfterReconcile;
import io.gristmill.front.FrontClient;
import io.gristmill.front.FrontConfig;
import io.gristmill.front.FrontEvent;
import io.gristmill.front.FrontMapper;
import io.gristmill.front.FrontPage;
import io.gristmill.front.FrontRateMeter;
import io.gristmill.front.FrontUnavailableException;
import io.gristmill.model.ModelUnavailableException;
import io.gristmill.tenant.TenantSettings;
import io.gristmill.tenant.TenantSettingsStore;

/**
 * Approved conversation summaries, written in each reconciliation once its events are read: first
 * the summaries of withdrawn scopes go ({@link SummaryErasure}); then the resolutions
 * ({@code archive} events) in each approved inbox or team since the approval are noted in the
 * ledger; then, within a budget, each waiting resolution's conversation is read in memory, the
 * model summarizes it, and a summary that passes the leak check is put on the resolution's
 * activity. A model or Front failure leaves the resolution waiting for the next run, up to
 * {@code max-attempts}; nothing is ever lost but the summary itself.
 */
@ApplicationScoped
public class ConversationSummaries implements AfterReconcile {
    private static final Logger LOG = Logger.getLogger(ConversationSummaries.class);
    private static final int MAX_EVENT_PAGES = 40;

    private final TenantSettingsStore settings;
    private final FrontClient client;
    private final FrontMapper mapper;
    private final ActivityStore activities;
    private final SummaryLedger ledger;
    private final ConversationText texts;
    private final SummaryWriter writer;
    private final SummaryErasure erasure;
    private final FrontConfig.Summaries config;
    private final java.time.Duration overlap;
    private final Clock clock;

    public ConversationSummaries(TenantSettingsStore settings, FrontClient client, FrontMapper mapper, ActivityStore activities,
            SummaryLedger ledger, ConversationText texts, SummaryWriter writer, SummaryErasure erasure, FrontConfig config, Clock clock) {
        this.settings = settings;
        this.client = client;
        this.mapper = mapper;
        this.activities = activities;
        this.ledger = ledger;
        this.texts = texts;
        this.writer = writer;
        this.erasure = erasure;
        this.config = config.summaries();
        this.overlap = config.overlap();
        this.clock = clock;
    }

    /** What one run did, for the connection's status. */
    private static final class Tally {
        int written;
        int failed;
        final Map<String, Integer> rejected = new TreeMap<>();
    }

    @Override
    public Optional<String> run(String tenantId, String token, FrontRateMeter meter, Instant reconcileDeadline) {
        Instant until = clock.instant().plus(config.budget());
        TenantSettings.Summaries approved = settings.get(tenantId).settings().front().summaries();
        erasure.eraseUnapproved(tenantId, approved, until);
        if (!approved.approved()) {
            return Optional.empty();
        }
        if (!writer.enabled()) {
            return Optional.of("summaries approved, but no summary model is configured (NarratorModelId)");
        }
        noteResolutions(tenantId, token, approved, meter, until);
        Tally tally = new Tally();
        List<SummaryLedger.Pending> waiting = ledger.waiting(tenantId, config.perRun());
        for (SummaryLedger.Pending pending : waiting) {
            if (clock.instant().isAfter(until)) {
                break;
            }
            if (!approved.scopes().contains(pending.scope())) {
                ledger.drop(tenantId, pending.activityId()); // withdrawn meanwhile
            } else if (!summarize(tenantId, token, pending, meter, tally)) {
                break;
            }
        }
        String status = "summaries: " + tally.written + " written"
                + (tally.rejected.isEmpty() ? "" : ", rejected " + tally.rejected)
                + (tally.failed == 0 ? "" : ", " + tally.failed + " failed (retried next run)");
        LOG.infof("Front summaries of tenant %s: %s", tenantId, status);
        return Optional.of(status);
    }

    /** Notes every resolution in an approved scope since the approval (or the last run); one pass, resumable. */
    private void noteResolutions(String tenantId, String token, TenantSettings.Summaries approved, FrontRateMeter meter, Instant until) {
        Instant approvedAt = approved.approvedAt() == null ? clock.instant() : approved.approvedAt();
        Instant previous = ledger.cursor(tenantId).filter(c -> c.isAfter(approvedAt)).orElse(approvedAt);
        // Front does not say whether q[after] is inclusive, and emitted_at is not commit order: read an overlap again
        // (noting a resolution twice changes nothing), never before the approval.
        Instant from = previous.minus(overlap).isAfter(approvedAt) ? previous.minus(overlap) : approvedAt;
        Instant newest = previous;
        Instant cap = Instant.MAX; // a scope with pages left holds the cursor at what it read
        for (Map.Entry<String, List<String>> scope : inboxesByScope(token, approved, meter).entrySet()) {
            Optional<String> page = Optional.empty();
            Instant scopeNewest = previous;
            for (int n = 0; !scope.getValue().isEmpty(); n++) {
                if (clock.instant().isAfter(until)) {
                    return; // the cursor stays: the next run reads these scopes again
                }
                if (n == MAX_EVENT_PAGES) {
                    cap = scopeNewest.isBefore(cap) ? scopeNewest : cap;
                    break;
                }
                FrontPage events = client.eventsOfTypes(token, from, List.of("archive"), scope.getValue(), page, meter);
                for (JsonNode json : events.results()) {
                    scopeNewest = note(tenantId, json, scope.getKey(), scopeNewest);
                }
                page = events.nextPageToken();
                if (page.isEmpty()) {
                    break;
                }
            }
            newest = scopeNewest.isAfter(newest) ? scopeNewest : newest;
        }
        newest = newest.isAfter(cap) ? cap : newest;
        if (newest.isAfter(previous)) {
            ledger.advance(tenantId, newest);
        }
    }

    private Instant note(String tenantId, JsonNode json, String scope, Instant newest) {
        FrontEvent event;
        try {
            event = FrontEvent.parse(json, null);
        } catch (IllegalArgumentException | ArithmeticException unusable) {
            return newest;
        }
        Optional<Activity> resolution = mapper.map(tenantId, event);
        if (resolution.isPresent() && event.conversationId().isPresent() && activities.find(tenantId, resolution.get().id()).isPresent()) {
            ledger.await(tenantId, resolution.get().id(), event.conversationId().get(), scope);
        }
        return event.emittedAt().isAfter(newest) ? event.emittedAt() : newest;
    }

    /** Each approved scope with the inboxes it stands for: an inbox itself, or a team's inboxes as Front lists them now. */
    private Map<String, List<String>> inboxesByScope(String token, TenantSettings.Summaries approved, FrontRateMeter meter) {
        Map<String, List<String>> scopes = new LinkedHashMap<>();
        approved.inboxes().forEach(inbox -> scopes.put("inbox:" + inbox, List.of(inbox)));
        for (String team : approved.teams()) {
            try {
                scopes.put("team:" + team, client.teamInboxes(token, team, meter));
            } catch (io.gristmill.front.FrontApiException gone) {
                LOG.infof("Approved Front team %s is gone (%d): no summaries from it", team, gone.status());
            }
        }
        return scopes;
    }

    /** One waiting resolution; false when the pass should stop (Front unavailable). */
    private boolean summarize(String tenantId, String token, SummaryLedger.Pending pending, FrontRateMeter meter, Tally tally) {
        try {
            Optional<String> text = texts.read(token, pending.conversationId(), meter);
            if (text.isEmpty()) {
                ledger.drop(tenantId, pending.activityId());
                return true;
            }
            SummaryWriter.Written written = writer.summarize(text.get());
            if (written.summary().isPresent() && activities.summarize(tenantId, pending.activityId(), written.summary().get())) {
                ledger.covered(tenantId, pending.scope(), pending.activityId());
                tally.written++;
            } else {
                written.rejection().ifPresent(reason -> tally.rejected.merge(reason, 1, Integer::sum));
            }
            ledger.drop(tenantId, pending.activityId());
            return true;
        } catch (ModelUnavailableException e) {
            retryLater(tenantId, pending, tally, e.reason());
            return !"throttled".equals(e.reason());
        } catch (FrontUnavailableException e) {
            retryLater(tenantId, pending, tally, "front_unavailable");
            return false;
        }
    }

    private void retryLater(String tenantId, SummaryLedger.Pending pending, Tally tally, String reason) {
        tally.failed++;
        if (ledger.failed(tenantId, pending) >= config.maxAttempts()) {
            ledger.drop(tenantId, pending.activityId());
            tally.rejected.merge("gave_up_" + reason, 1, Integer::sum);
        }
    }
}
