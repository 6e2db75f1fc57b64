package io.gristmill.front;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gristmill.activity.Activity;
import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.WriteOutcome;
import io.gristmill.aws.CachedSecrets;
import io.gristmill.aws.Guard;
import io.gristmill.aws.OnceLedger;
import io.gristmill.aws.TokenVault;
import io.gristmill.aws.VaultSecret;
import io.gristmill.connection.Connection;
import io.gristmill.connection.ConnectionState;
import io.gristmill.connection.ConnectionStore;
import io.gristmill.directory.CreditRule;
import io.gristmill.tenant.StoredSettings;
import io.gristmill.tenant.TenantSettingsStore;

/**
 * Receives Front webhooks. The signature is checked on the exact bytes received before anything
 * else; then the event is reduced to metadata and stored once (its activity id is determined by
 * the event id, so redeliveries and concurrent duplicates store nothing new). A warm function
 * makes that one storage call and no other: who owns the company, the settings and the credits are
 * kept ({@link WebhookLookups}), and the write itself checks they are unchanged. A verified event that
 * cannot be used (malformed, unknown type, tenant not connected) is answered 200 and recorded as
 * ignored, so that Front does not retry it forever. Nothing of the body is ever logged.
 */
@ApplicationScoped
public class FrontWebhooks {
    private static final Logger LOG = Logger.getLogger(FrontWebhooks.class);
    /** Verifies nothing: used when a tenant has no API secret, so that refusals take the same work. */
    private static final String NO_SECRET = java.util.UUID.randomUUID().toString();

    private final TokenVault vault;
    private final CachedSecrets secrets;
    private final ConnectionStore connections;
    private final ActivityStore activities;
    private final OnceLedger ledger;
    private final FrontMapper mapper;
    private final WebhookLookups lookups;
    private final TenantSettingsStore settingsStore;
    private final FrontConfig config;
    private final FrontInboxScope scope;
    private final ObjectMapper json;
    private final Clock clock;

    /** What to answer Front. */
    public sealed interface Outcome {
        record Refused(SignatureCheck reason) implements Outcome {
        }

        record Challenge(String value) implements Outcome {
        }

        record Stored(String eventId, boolean duplicate) implements Outcome {
        }

        record Ignored(String eventId, String reason) implements Outcome {
        }
    }

    public FrontWebhooks(TokenVault vault, CachedSecrets secrets, ConnectionStore connections, ActivityStore activities, OnceLedger ledger,
            FrontMapper mapper, WebhookLookups lookups, TenantSettingsStore settingsStore, FrontConfig config, FrontInboxScope scope, ObjectMapper json,
            Clock clock) {
        this.lookups = lookups;
        this.settingsStore = settingsStore;
        this.scope = scope;
        this.vault = vault;
        this.secrets = secrets;
        this.connections = connections;
        this.activities = activities;
        this.ledger = ledger;
        this.mapper = mapper;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /** An application webhook ({@code POST /webhooks/front}); the tenant comes from the signed company id. */
    public Outcome receiveAppWebhook(byte[] rawBody, Optional<String> timestamp, Optional<String> signature, Optional<String> challenge) {
        SignatureCheck check = FrontAppSignature.verify(rawBody, timestamp.orElse(null), signature.orElse(null), appSecret(), clock,
                config.signatureTolerance());
        if (check == SignatureCheck.MISMATCH && secrets.rereadApp(FrontSecret.PROVIDER)) {
            // The operator may have rotated the app secret since it was cached.
            check = FrontAppSignature.verify(rawBody, timestamp.orElse(null), signature.orElse(null), appSecret(), clock,
                    config.signatureTolerance());
        }
        if (check != SignatureCheck.VERIFIED) {
            LOG.infof("Refused a Front app webhook: %s", check);
            return new Outcome.Refused(check);
        }
        if (challenge.isPresent()) {
            LOG.info("Answered Front's webhook validation challenge");
            return new Outcome.Challenge(challenge.get());
        }
        JsonNode envelope = parse(rawBody);
        if (envelope == null) {
            return ignored(null, null, "malformed JSON");
        }
        String company = envelope.path("authorization").path("id").asText("");
        for (int attempt = 1; ; attempt++) {
            Optional<String> tenant = company.isEmpty() ? Optional.empty() : lookups.ownerOf(company);
            if (tenant.isEmpty()) {
                return ignored(null, envelope.path("payload").path("id").asText(null), "no tenant has connected Front company " + company);
            }
            Outcome outcome = store(tenant.get(), envelope.path("payload"), envelope.path("type").asText(null), Optional.of(company), attempt);
            if (outcome != null) {
                return outcome;
            }
        }
    }

    /** A rule webhook ({@code POST /webhooks/front/{tenantId}}), signed with the tenant's API secret. */
    public Outcome receiveRuleWebhook(String tenantId, byte[] rawBody, Optional<String> signature) {
        Optional<String> tenant = safeTenant(tenantId);
        Optional<String> apiSecret = tenant.flatMap(t -> secrets.tenant(t, FrontSecret.PROVIDER)).map(s -> s.field(FrontSecret.API_SECRET));
        // Without a secret the same work is done with a key nobody has, and every refusal looks
        // alike: callers learn nothing about which tenants exist or have Front connected.
        SignatureCheck check = FrontRuleSignature.verify(rawBody, signature.orElse(null), apiSecret.orElse(NO_SECRET));
        if (check == SignatureCheck.MISMATCH && tenant.isPresent() && secrets.rereadTenant(tenant.get(), FrontSecret.PROVIDER)) {
            apiSecret = secrets.tenant(tenant.get(), FrontSecret.PROVIDER).map(s -> s.field(FrontSecret.API_SECRET));
            check = FrontRuleSignature.verify(rawBody, signature.orElse(null), apiSecret.orElse(NO_SECRET));
        }
        if (apiSecret.isEmpty() || check != SignatureCheck.VERIFIED) {
            LOG.infof("Refused a Front rule webhook for %s: %s", tenantId, apiSecret.isEmpty() ? "no API secret to verify it with" : check);
            return new Outcome.Refused(SignatureCheck.MISMATCH);
        }
        JsonNode event = parse(rawBody);
        if (event == null) {
            return ignored(tenantId, null, "malformed JSON");
        }
        // Rule webhooks are signed over the body only (no timestamp): a captured body could be
        // replayed forever, e.g. after an erasure. Front sends them when the rule fires, so an
        // event much older than that is a replay.
        try {
            java.time.Instant emitted = FrontEvent.parse(event, null).emittedAt();
            if (emitted.isBefore(clock.instant().minus(config.ruleReplayWindow()))) {
                return ignored(tenantId, event.path("id").asText(null), "emitted " + emitted + ", older than the replay window of "
                        + config.ruleReplayWindow().toMinutes() + " min for rule webhooks");
            }
        } catch (IllegalArgumentException | ArithmeticException unusable) {
            // store() says why it is unusable
        }
        for (int attempt = 1; ; attempt++) {
            Outcome outcome = store(tenantId, event, null, Optional.empty(), attempt);
            if (outcome != null) {
                return outcome;
            }
        }
    }

    private String appSecret() {
        return secrets.app(FrontSecret.PROVIDER).map(s -> s.field(FrontSecret.APP_SECRET))
                .orElseThrow(() -> new IllegalStateException("Secret " + vault.appSecretName(FrontSecret.PROVIDER) + " with app_secret is missing"));
    }

    /**
     * Stores a verified event in one storage call when what it relies on is kept (see
     * {@link WebhookLookups}); null when something kept had changed (it is forgotten: try again).
     */
    private Outcome store(String tenantId, JsonNode eventJson, String envelopeType, Optional<String> company, int attempt) {
        FrontEvent event;
        try {
            event = FrontEvent.parse(eventJson, envelopeType);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return ignored(tenantId, eventJson.path("id").asText(null), "unusable event: " + e.getMessage());
        }
        Optional<Map.Entry<String, java.math.BigDecimal>> callEnd = mapper.callDuration(tenantId, event);
        if (callEnd.isPresent()) {
            return fillCallDuration(tenantId, event, callEnd.get());
        }
        StoredSettings settings = lookups.settings(tenantId);
        List<Guard> guards = new ArrayList<>(List.of(connections.connectedGuard(tenantId, FrontSecret.PROVIDER, company),
                settingsStore.unchangedGuard(tenantId, settings)));
        Optional<Activity> activity = FrontMapper.map(tenantId, event, (teammate, at) -> {
            CreditRule rule = lookups.credit(tenantId, teammate);
            guards.addAll(rule.guards());
            return rule.creditAt(at);
        });
        if (activity.isEmpty()) {
            return ignored(tenantId, event.id(), "event type " + event.type() + " is not tracked");
        }
        Scope inScope = scopeOf(tenantId, settings, event, company);
        if (inScope == Scope.NOT_CONNECTED) {
            return ignored(tenantId, event.id(), NOT_CONNECTED_REASON);
        }
        if (inScope == Scope.OUTSIDE) {
            // Nothing is written to check the kept settings against: an event is only left out on settings read now.
            if (attempt == 1 && !settings.equals(settingsStore.get(tenantId))) {
                lookups.forget(tenantId, company);
                return null;
            }
            return ignored(tenantId, event.id(), "the conversation is outside the inboxes and teams chosen in the settings");
        }
        ActivityStore.Guarded written = activities.record(activity.get(), guards);
        if (written.outcome() != null) {
            boolean duplicate = written.outcome() == WriteOutcome.ALREADY_STORED;
            LOG.debugf("Front event %s (%s) of tenant %s %s", event.id(), event.type(), tenantId, duplicate ? "was stored before" : "stored");
            return new Outcome.Stored(event.id(), duplicate);
        }
        lookups.forget(tenantId, company);
        if (written.broken().contains("connection") && !connectedNow(tenantId, company)) {
            return ignored(tenantId, event.id(), NOT_CONNECTED_REASON);
        }
        if (attempt == CHANGED_ATTEMPTS) {
            throw new IllegalStateException("What Front event " + event.id() + " relies on kept changing (" + written.broken() + "); Front will retry");
        }
        return null;
    }

    private enum Scope { INSIDE, OUTSIDE, NOT_CONNECTED }

    /** Whether the event's conversation is in scope; a lookup that fails for a tenant no longer connected means "not connected". */
    private Scope scopeOf(String tenantId, StoredSettings settings, FrontEvent event, Optional<String> company) {
        try {
            return scope.counts(tenantId, settings.settings().front(), event) ? Scope.INSIDE : Scope.OUTSIDE;
        } catch (FrontException unreachable) {
            if (!connectedNow(tenantId, company)) {
                return Scope.NOT_CONNECTED;
            }
            throw unreachable;
        }
    }

    /** Times an event may find what it relies on changed before it is left to Front's retry. */
    private static final int CHANGED_ATTEMPTS = 3;
    private static final String NOT_CONNECTED_REASON = "Front is not connected for this tenant";

    private boolean connectedNow(String tenantId, Optional<String> company) {
        Connection connection = connections.get(tenantId, FrontSecret.PROVIDER);
        return connection.state() == ConnectionState.CONNECTED && company.map(c -> c.equals(connection.account())).orElse(true);
    }

    /** A call's end: its duration goes onto the call stored when it was connected (a rare event, read afresh). */
    private Outcome fillCallDuration(String tenantId, FrontEvent event, Map.Entry<String, java.math.BigDecimal> callEnd) {
        if (connections.get(tenantId, FrontSecret.PROVIDER).state() != ConnectionState.CONNECTED) {
            return ignored(tenantId, event.id(), NOT_CONNECTED_REASON);
        }
        if (!scope.counts(tenantId, event)) {
            return ignored(tenantId, event.id(), "the conversation is outside the inboxes and teams chosen in the settings");
        }
        boolean filled = activities.fillMeasures(tenantId, callEnd.getKey(), Map.of("durationSeconds", callEnd.getValue()));
        return filled ? new Outcome.Stored(event.id(), false) : ignored(tenantId, event.id(), "a call that was not connected ended");
    }

    private Outcome ignored(String tenantId, String eventId, String reason) {
        LOG.infof("Ignored a verified Front event %s%s: %s", eventId == null ? "" : eventId,
                tenantId == null ? "" : " of tenant " + tenantId, reason);
        if (tenantId != null && eventId != null) {
            ledger.firstTime(tenantId, "front-ignored", eventId, config.deliveryMemory(), "ignored: " + reason);
        }
        return new Outcome.Ignored(eventId, reason);
    }

    private JsonNode parse(byte[] rawBody) {
        try {
            JsonNode node = json.readTree(rawBody);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Optional<String> safeTenant(String tenantId) {
        return tenantId != null && io.gristmill.access.Caller.TENANT_ID.matcher(tenantId).matches() ? Optional.of(tenantId) : Optional.empty();
    }

    /** Exposed for the connection status: whether a tenant has the secret that rule webhooks need. */
    public boolean hasRuleSecret(String tenantId) {
        return vault.read(tenantId, FrontSecret.PROVIDER).map(VaultSecret::fields).map(f -> f.containsKey("api_secret")).orElse(false);
    }
}
