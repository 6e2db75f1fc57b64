package io.gristmill.salesforce;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gristmill.aws.LeaseStore;
import io.gristmill.aws.StaleSecretVersionException;
import io.gristmill.aws.RefreshedTokens;
import io.gristmill.aws.SingleFlight;
import io.gristmill.aws.TokenVault;
import io.gristmill.aws.VaultSecret;
import io.gristmill.connection.ConnectionState;
import io.gristmill.connection.ConnectionStore;

/**
 * Gives callers a working Salesforce access token for a tenant.
 *
 * <p>Salesforce sends no expiry: the stored token is used until Salesforce answers
 * {@code INVALID_SESSION_ID}, then refreshed once and the call retried. Refreshing is
 * single-flight per tenant across all invocations: a DynamoDB lease admits one refresher, the
 * others wait until the stored access token changes. With refresh-token rotation the new refresh
 * token is persisted (optimistically, on the version read) before the new access token is used —
 * two refreshes in parallel, or a rotated token lost, would disconnect the customer.
 * {@code invalid_grant} marks the connection {@code reconnect_required} (logged once) and stops.
 */
@ApplicationScoped
public class SalesforceTokens {
    private static final Logger LOG = Logger.getLogger(SalesforceTokens.class);
    private static final String LEASE = "salesforce-token-refresh";
    /** Marker: a refresh reached Salesforce but its answer was lost. */
    private static final String IN_DOUBT = "refresh-in-doubt";
    private static final java.time.Duration IN_DOUBT_MEMORY = java.time.Duration.ofDays(1);

    private final TokenVault vault;
    private final SalesforceOAuth oauth;
    private final ConnectionStore connections;
    private final LeaseStore leases;
    private final SalesforceConfig config;
    private final Clock clock;

    public SalesforceTokens(TokenVault vault, SalesforceOAuth oauth, ConnectionStore connections, LeaseStore leases,
            SalesforceConfig config, Clock clock) {
        this.vault = vault;
        this.oauth = oauth;
        this.connections = connections;
        this.leases = leases;
        this.config = config;
        this.clock = clock;
    }

    /** The stored access token, if the tenant is connected. */
    public AccessToken current(String tenantId) {
        ConnectionState state = connections.get(tenantId, SalesforceSecret.PROVIDER).state();
        if (state == ConnectionState.RECONNECT_REQUIRED) {
            throw new ConnectionNeedsReauthException(tenantId);
        }
        return token(tenantId, readSecret(tenantId));
    }

    /** Runs {@code call} with the current token; on an expired session refreshes once and retries once. */
    public <T> T withAccessToken(String tenantId, Function<AccessToken, T> call) {
        AccessToken token = current(tenantId);
        try {
            return call.apply(token);
        } catch (SessionExpiredException expired) {
            return call.apply(refreshReplacing(tenantId, token));
        }
    }

    /**
     * A token other than {@code stale}: the one another invocation stored meanwhile, or a new one
     * from Salesforce if this invocation wins the refresh lease.
     */
    public AccessToken refreshReplacing(String tenantId, AccessToken stale) {
        SingleFlight.Flight flight = new SingleFlight.Flight(tenantId, LEASE, config.refreshLease(), config.refreshWait(),
                why -> new SalesforceUnavailableException(why + " (Salesforce)"));
        return SingleFlight.run(leases, clock, flight, () -> {
            VaultSecret secret = readSecret(tenantId);
            return stale.value().equals(secret.field(SalesforceSecret.ACCESS_TOKEN)) ? Optional.empty() : Optional.of(token(tenantId, secret));
        }, () -> refreshUnderLease(tenantId, stale));
    }

    private AccessToken refreshUnderLease(String tenantId, AccessToken stale) {
        VaultSecret secret = readSecret(tenantId);
        if (!stale.value().equals(secret.field(SalesforceSecret.ACCESS_TOKEN))) {
            return token(tenantId, secret);
        }
        String loginHost = secret.field(SalesforceSecret.LOGIN_HOST);
        // With rotation a refresh uses up the stored refresh token: only ask for one once Secrets
        // Manager has just taken a write, so the new token is not left in memory alone.
        try {
            secret = vault.update(tenantId, SalesforceSecret.PROVIDER, secret, secret.fields());
        } catch (StaleSecretVersionException moved) {
            // Our own probe applied with its answer lost, or another writer: either way it is writable.
            secret = readSecret(tenantId);
            if (!stale.value().equals(secret.field(SalesforceSecret.ACCESS_TOKEN))) {
                return token(tenantId, secret);
            }
        }
        SalesforceTokenSet fresh;
        try {
            fresh = oauth.refresh(loginHost, secret.field(SalesforceSecret.REFRESH_TOKEN));
        } catch (SalesforceGrantInDoubtException inDoubt) {
            connections.mark(tenantId, SalesforceSecret.PROVIDER, IN_DOUBT, IN_DOUBT_MEMORY);
            throw inDoubt;
        } catch (InvalidGrantException refused) {
            if (connections.takeMarker(tenantId, SalesforceSecret.PROVIDER, IN_DOUBT)) {
                // The last refresh's answer was lost, so Salesforce may have rotated the token then.
                // Not taken for a revocation yet: the next poll reads the secret afresh and tries again.
                LOG.warnf("Salesforce refused the refresh token of tenant %s after a refresh whose answer was lost; trying again next poll",
                        tenantId);
                throw new SalesforceUnavailableException("Salesforce refused the refresh token right after a refresh whose answer was "
                        + "lost; trying again next poll before asking for a reconnect");
            }
            if (connections.markReconnectRequired(tenantId, SalesforceSecret.PROVIDER,
                    "Salesforce refused the stored refresh token (revoked, expired or rotated away); an admin must reconnect")) {
                LOG.warnf("Salesforce connection of tenant %s needs a reconnect: %s", tenantId, refused.getMessage());
            }
            throw new ConnectionNeedsReauthException(tenantId);
        }
        Map<String, String> fields = fresh.secretFields(loginHost, secret.field(SalesforceSecret.REFRESH_TOKEN));
        VaultSecret saved = persist(tenantId, secret, fields);
        LOG.infof("Refreshed the Salesforce access token of tenant %s (refresh token rotated: %s)",
                tenantId, fresh.refreshToken() != null);
        return token(tenantId, saved);
    }

    /** Stores the refreshed tokens over the latest version, for as long as the refresh lease allows (see {@link RefreshedTokens}). */
    private VaultSecret persist(String tenantId, VaultSecret read, Map<String, String> fields) {
        return RefreshedTokens.store(vault, tenantId, SalesforceSecret.PROVIDER, read, fields, () -> readSecret(tenantId),
                clock.instant().plus(config.refreshLease().dividedBy(2)), clock);
    }

    private VaultSecret readSecret(String tenantId) {
        return vault.read(tenantId, SalesforceSecret.PROVIDER).orElseThrow(() -> new NotConnectedException(tenantId));
    }

    private static AccessToken token(String tenantId, VaultSecret secret) {
        return new AccessToken(tenantId, secret.field(SalesforceSecret.ACCESS_TOKEN), secret.field(SalesforceSecret.INSTANCE_URL));
    }
}
