package io.gristmill.salesforce;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How Gristmill reaches Salesforce (prefix {@code gristmill.salesforce}). */
@ConfigMapping(prefix = "gristmill.salesforce")
public interface SalesforceConfig {

    /**
     * The OAuth callback URL registered in the Salesforce External Client App: the web app's
     * connect page ({@code https://<app>/connect.html}), which finishes the flow with
     * {@code POST /connect/complete}. Required by the connect function.
     */
    Optional<String> redirectUri();

    /** Login host used when the admin names none. */
    @WithDefault("login.salesforce.com")
    String defaultLoginHost();

    /**
     * Login hosts an admin may choose (a regular expression over the host name): production,
     * sandboxes and My Domain hosts.
     */
    @WithDefault("login\\.salesforce\\.com|test\\.salesforce\\.com|[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?(?:--[a-z0-9]+)?(?:\\.sandbox)?\\.my\\.salesforce\\.com")
    String allowedLoginHosts();

    /**
     * Reach every login host at this base URL instead of {@code https://<host>} — for a local
     * simulated Salesforce only; the chosen host is still validated and recorded.
     */
    Optional<URI> loginBaseUrlOverride();

    /** How long an admin has to finish the Salesforce consent screen. */
    @WithDefault("PT10M")
    Duration stateTtl();

    /** Connect timeout of every call to Salesforce. */
    @WithDefault("PT3S")
    Duration connectTimeout();

    /** Read timeout of calls to Salesforce other than queries (OAuth, describe). */
    @WithDefault("PT20S")
    Duration readTimeout();

    /**
     * Read timeout of queries: above Salesforce's own SOQL limit (about 120 s, after which it
     * answers QUERY_TIMEOUT), so that a slow query is answered rather than abandoned. A query that
     * still times out is treated like QUERY_TIMEOUT: its time window is narrowed.
     */
    @WithDefault("PT125S")
    Duration queryReadTimeout();

    /** How long a caller waits for another invocation's token refresh before giving up. */
    @WithDefault("PT15S")
    Duration refreshWait();

    /**
     * Lease that makes one invocation at a time refresh an org's tokens; longer than the worst
     * refresh (connect retries, one read timeout, the secret write), so a live refresh keeps it.
     */
    @WithDefault("PT90S")
    Duration refreshLease();

    /** Re-read this much before each object's cursor: rows committed late carry older stamps. */
    @WithDefault("PT10M")
    Duration lookback();

    /**
     * An object whose whole window read nothing keeps its cursor until it is this far behind: the
     * next window starts there at no extra call, and an idle poll writes no cursor (they were 17 of
     * its 18 writes). The sync lag an idle org shows is at most this plus the poll interval.
     */
    @WithDefault("PT15M")
    Duration idleCursorStep();

    /** How far back the first poll after connecting reads. */
    @WithDefault("P90D")
    Duration backfill();

    /** Stop a tenant's poll for this cycle when the org's daily API usage reaches this share. */
    @WithDefault("0.8")
    double budgetShare();

    /** How long an object's field list (describe) is reused before it is read again. */
    @WithDefault("PT24H")
    Duration describeCache();

    /**
     * Lease that keeps two polls of one tenant from running at once. A running poll renews it;
     * a poll that dies (killed function) holds the tenant up for at most this long.
     */
    @WithDefault("PT90S")
    Duration pollLease();

    /**
     * Largest time window one query reads. A backfill reads its whole range in one query and is
     * narrowed (halved, down to {@code minWindow}) only where Salesforce answers QUERY_TIMEOUT;
     * it resumes after any page all the same, since the cursor moves with each page stored.
     */
    @WithDefault("P366D")
    Duration maxWindow();

    /** Narrowest window after repeated QUERY_TIMEOUTs; below it the object is skipped this cycle. */
    @WithDefault("PT1M")
    Duration minWindow();

    /** Time one tenant's poll may take; the rest (a long backfill) continues in the next cycle. */
    @WithDefault("PT4M")
    Duration pollDeadline();

    /** Tenants polled at once by one scheduled invocation, so that a slow org does not hold up the others. */
    @WithDefault("8")
    int pollConcurrency();
}
