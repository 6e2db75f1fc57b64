package io.gristmill.front;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How Gristmill talks to Front (prefix {@code gristmill.front}). */
@ConfigMapping(prefix = "gristmill.front")
public interface FrontConfig {

    /** Largest accepted gap between an app webhook's timestamp and now (replay window). */
    @WithDefault("PT5M")
    Duration signatureTolerance();

    /**
     * Rule webhooks carry no signed timestamp: an event emitted longer ago than this is taken for
     * a replay and not stored (reconciliation reads what was genuinely missed).
     */
    @WithDefault("PT1H")
    Duration ruleReplayWindow();

    /** How long a received event id is remembered to recognize redeliveries of ignored events. */
    @WithDefault("P3D")
    Duration deliveryMemory();

    /** Front's core API. */
    @WithDefault("https://api2.frontapp.com")
    String apiBaseUrl();

    /** Front's OAuth server (authorize and token endpoints). */
    @WithDefault("https://app.frontapp.com")
    String authBaseUrl();

    /** The OAuth redirect URL registered in the Gristmill Front app: the web app's connect page (required to connect via OAuth). */
    Optional<String> redirectUri();

    /** How long a started OAuth connect stays valid. */
    @WithDefault("PT10M")
    Duration stateTtl();

    @WithDefault("PT3S")
    Duration connectTimeout();

    /** Read timeout of reconciliation and connect calls. */
    @WithDefault("PT10S")
    Duration readTimeout();

    /** Read timeout of the one lookup a webhook may need (Front gives a webhook about 5 s in all). */
    @WithDefault("PT2S")
    Duration webhookLookupTimeout();

    /**
     * Longest a webhook function instance keeps what it looked up (company owner, connection,
     * settings, credits) before reading it again: how late a disconnect, a settings change or a
     * directory change made elsewhere may reach a warm webhook function.
     */
    @WithDefault("PT30S")
    Duration webhookLookupsMaxAge();

    /** How far back the first reconciliation after connecting reads. */
    @WithDefault("P14D")
    Duration backfill();

    /** Re-read before the cursor on every run: Front does not say whether {@code q[after]} is inclusive. */
    @WithDefault("PT5M")
    Duration overlap();

    /** Time one tenant's reconciliation may take per run; the rest continues next run. */
    @WithDefault("PT4M")
    Duration reconcileDeadline();

    /**
     * Lease against overlapping reconciliations of one tenant; a running one renews it, one that
     * dies holds the tenant up for at most this long.
     */
    @WithDefault("PT90S")
    Duration reconcileLease();

    /**
     * Time a reconciliation run may spend, after reconciling, putting activity stored before
     * conversation digests existed into them (once per tenant; see ConversationDigestBackfill).
     */
    @WithDefault("PT30S")
    Duration digestBackfillBudget();

    /** Tenants reconciled at once. */
    @WithDefault("4")
    int reconcileConcurrency();

    /** Longest {@code retry-after} waited for within a run; a longer one ends the tenant's run for the cycle. */
    @WithDefault("PT15S")
    Duration maxRetryAfter();

    /** Share of the per-minute rate limit left for others (Front's own app, other integrations): stop below it. */
    @WithDefault("0.2")
    double rateLimitReserve();

    /** Refresh an OAuth access token this long before it expires. */
    @WithDefault("PT2M")
    Duration refreshAhead();

    /** Approved conversation summaries ({@code gristmill.front.summaries.*}). */
    Summaries summaries();

    /** Conversation summaries, written only where an admin approved them (tenant settings {@code front.summaries}). */
    interface Summaries {
        /** Bedrock model that writes them; empty: none are written. Defaults to the narrator's model ({@code NarratorModelId}). */
        Optional<String> modelId();

        /** Time one model call may take, throttling retries included. */
        @WithDefault("PT20S")
        Duration callTimeout();

        /** Most tokens the model may write per summary. */
        @WithDefault("200")
        int maxTokens();

        /** Summaries a reconciliation run writes at most per tenant; the rest wait for the next run. */
        @WithDefault("25")
        int perRun();

        /** Time a run may spend on summaries after reconciling. */
        @WithDefault("PT60S")
        Duration budget();

        /** Attempts per conversation when the model or Front fails (throttled, timed out); then it stays without a summary. */
        @WithDefault("3")
        int maxAttempts();

        /** Longest conversation text sent to the model (the newest part is kept): a bound on what is read into memory and paid for. */
        @WithDefault("24000")
        int maxSourceChars();

        /** Message pages (100 each) read at most per conversation. */
        @WithDefault("5")
        int maxMessagePages();
    }
}
