package io.gristmill.front;

import java.io.IOException;
import java.time.Clock;
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
import io.gristmill.aws.OnceLedger;
import io.gristmill.aws.TokenVault;
import io.gristmill.aws.VaultSecret;

/**
 * Receives Front webhooks. The signature is checked on the exact bytes received before anything
 * else; then the event is reduced to metadata and stored once (its activity id is determined by
 * the event id, so redeliveries and concurrent duplicates store nothing new). A warm function
 * makes that one storage call and no other: who owns the company, the connection, the settings
 * and the credits are kept for a bounded age ({@link WebhookLookups}). A verified event that
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
    private final ActivityStore activities;
    private final OnceLedger ledger;
    private final FrontMapper mapper;
    private final WebhookLookups lookups;
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

    public FrontWebhooks(TokenVault vault, CachedSecrets secrets, ActivityStore activities, OnceLedger ledger, FrontMapper mapper,
            WebhookLookups lookups, FrontConfig config, FrontInboxScope scope, ObjectMapper json, Clock clock) {
        this.lookups = lookups;
        this.scope = scope;
        this.vault = vault;
        this.secrets = secrets;
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
        Optional<String> tenant = company.isEmpty() ? Optional.empty() : lookups.ownerOf(company);
        if (tenant.isEmpty()) {
            return ignored(null, envelope.path("payload").path("id").asText(null), "no tenant has connected Front company " + company);
        }
        return store(tenant.get(), envelope.path("payload"), envelope.path("type").asText(null), Optional.of(company));
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
        return store(tenantId, event, null, Optional.empty());
    }

    private String appSecret() {
        return secrets.app(FrontSecret.PROVIDER).map(s -> s.field(FrontSecret.APP_SECRET))
                .orElseThrow(() -> new IllegalStateException("Secret " + vault.appSecretName(FrontSecret.PROVIDER) + " with app_secret is missing"));
    }

    /**
     * Stores a verified event: with what it relies on kept by the function (see
     * {@link WebhookLookups}), the write is the one storage call, and doubles as the dedupe.
     */
    private Outcome store(String tenantId, JsonNode eventJson, String envelopeType, Optional<String> company) {
        if (!lookups.connected(tenantId, company)) {
            return ignored(tenantId, eventJson.path("id").asText(null), NOT_CONNECTED_REASON);
        }
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
        Optional<Activity> activity = FrontMapper.map(tenantId, event, (teammate, at) -> lookups.credit(tenantId, teammate).creditAt(at));
        if (activity.isEmpty()) {
            return ignored(tenantId, event.id(), "event type " + event.type() + " is not tracked");
        }
        if (!scope.counts(tenantId, lookups.settings(tenantId).settings().front(), event)) {
            return ignored(tenantId, event.id(), "the conversation is outside the inboxes and teams chosen in the settings");
        }
        boolean duplicate = activities.record(activity.get()) == WriteOutcome.ALREADY_STORED;
        LOG.debugf("Front event %s (%s) of tenant %s %s", event.id(), event.type(), tenantId, duplicate ? "was stored before" : "stored");
        return new Outcome.Stored(event.id(), duplicate);
    }

    private static final String NOT_CONNECTED_REASON = "Front is not connected for this tenant";

    /** A call's end: its duration goes onto the call stored when it was connected (added only where it is missing). */
    private Outcome fillCallDuration(String tenantId, FrontEvent event, Map.Entry<String, java.math.BigDecimal> callEnd) {
        if (!scope.counts(tenantId, lookups.settings(tenantId).settings().front(), event)) {
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
