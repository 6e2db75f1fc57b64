package io.gristmill.front;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.tenant.TenantSettings;
import io.gristmill.tenant.TenantSettingsStore;

/**
 * Which Front inboxes count for a tenant: the chosen inboxes plus the inboxes of the chosen
 * teams, or every inbox when the admin chose neither. A team's inboxes are looked up (one call
 * per team) and reused for a few minutes, so that a settings change applies within minutes.
 */
@ApplicationScoped
public class FrontInboxScope {
    private static final Duration REUSE = Duration.ofMinutes(5);

    private static final int CONVERSATIONS_REMEMBERED = 10_000;

    private final TenantSettingsStore settings;
    private final FrontClient client;
    private final FrontTokens tokens;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** Conversation → its inboxes, so that a busy conversation costs one lookup, not one per event. */
    private final Map<String, List<String>> conversations = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
                    return size() > CONVERSATIONS_REMEMBERED;
                }
            });

    private record Cached(TenantSettings.Front chosen, Set<String> inboxes, Set<String> missingTeams, Instant until) {
    }

    /** Chosen teams Front no longer has (404), as last looked up; the admin is told in the connection's status. */
    public Set<String> missingTeams(String tenantId) {
        Cached cached = cache.get(tenantId);
        return cached == null ? Set.of() : cached.missingTeams();
    }

    public FrontInboxScope(TenantSettingsStore settings, FrontClient client, FrontTokens tokens, Clock clock) {
        this.settings = settings;
        this.client = client;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The inboxes that count, or empty when every inbox counts ({@code chosen}: the tenant's choice, as read for this run). */
    public Optional<Set<String>> inboxes(String tenantId, TenantSettings.Front chosen, String token, FrontRateMeter meter) {
        return inboxes(tenantId, chosen, token, meter, false);
    }

    /** @param now for a webhook: team lookups are one short call each, never retried or waited for */
    private Optional<Set<String>> inboxes(String tenantId, TenantSettings.Front chosen, String token, FrontRateMeter meter, boolean now) {
        if (chosen.inboxes().isEmpty() && chosen.teams().isEmpty()) {
            return Optional.empty();
        }
        Cached cached = cache.get(tenantId);
        if (cached != null && cached.chosen().equals(chosen) && cached.until().isAfter(clock.instant())) {
            return Optional.of(cached.inboxes());
        }
        Set<String> inboxes = new LinkedHashSet<>(chosen.inboxes());
        Set<String> missing = new java.util.TreeSet<>();
        for (String team : chosen.teams()) {
            try {
                inboxes.addAll(now ? client.teamInboxesNow(token, team, meter) : client.teamInboxes(token, team, meter));
            } catch (FrontApiException gone) {
                if (gone.status() != 404 || gone instanceof FrontMovedException) {
                    throw gone;
                }
                // A team deleted in Front since it was chosen: the other choices keep flowing.
                missing.add(team);
            }
        }
        Set<String> scope = Set.copyOf(inboxes);
        cache.put(tenantId, new Cached(chosen, scope, Set.copyOf(missing), clock.instant().plus(REUSE)));
        return Optional.of(scope);
    }

    /**
     * Whether a received event counts: always when the tenant chose no inboxes or teams; else by
     * the inboxes the event names (inbound, move) or, failing that, its conversation's inboxes
     * (looked up once and remembered; a move updates what is remembered).
     *
     * @throws FrontUnavailableException when the lookup fails (the sender should retry)
     */
    public boolean counts(String tenantId, FrontEvent event) {
        return counts(tenantId, settings.get(tenantId).settings().front(), event);
    }

    /** Like {@link #counts(String, FrontEvent)}, with the tenant's choice as already read. */
    public boolean counts(String tenantId, TenantSettings.Front chosen, FrontEvent event) {
        if (chosen.inboxes().isEmpty() && chosen.teams().isEmpty()) {
            return true;
        }
        // Never refresh or wait for a token here: a webhook has seconds, and a refresh killed by the
        // function's timeout could lose a rotated refresh token. Reconciliation refreshes it.
        String token = tokens.currentIfFresh(tenantId);
        Optional<Set<String>> scope = inboxes(tenantId, chosen, token, new FrontRateMeter(), true);
        String key = tenantId + "/" + event.conversationId().orElse("");
        List<String> inboxes;
        if (!event.inboxIds().isEmpty()) {
            inboxes = event.inboxIds();
            if ("move".equals(event.type()) && event.conversationId().isPresent()) {
                conversations.put(key, inboxes);
            }
        } else if (event.conversationId().isPresent()) {
            inboxes = conversations.get(key);
            if (inboxes == null) {
                inboxes = List.copyOf(client.conversationInboxes(token, event.conversationId().get()));
                if (!inboxes.isEmpty()) {
                    conversations.put(key, inboxes); // an empty answer is not remembered: it may be a passing state
                }
            }
        } else {
            inboxes = List.of();
        }
        return counts(scope, inboxes);
    }

    /** Whether a conversation in {@code conversationInboxes} counts under {@code scope}. */
    public static boolean counts(Optional<Set<String>> scope, List<String> conversationInboxes) {
        return scope.isEmpty() || conversationInboxes.stream().anyMatch(scope.get()::contains);
    }
}
