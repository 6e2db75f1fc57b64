package io.gristmill.front;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

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
 * A working Front token for a tenant. An admin-supplied API token is used as stored. An OAuth
 * access token (about an hour) is refreshed shortly before {@code expires_at}, single-flight per
 * tenant across invocations (a DynamoDB lease; the others wait for the stored token to change),
 * and a returned refresh token is written on the version read. {@code invalid_grant} marks the
 * connection {@code reconnect_required}.
 */
@ApplicationScoped
public class FrontTokens {
    private static final Logger LOG = Logger.getLogger(FrontTokens.class);
    private static final String LEASE = "front-token-refresh";
    /** Marker: a refresh reached Front but its answer was lost. */
    private static final String IN_DOUBT = "refresh-in-doubt";
    private static final java.time.Duration IN_DOUBT_MEMORY = java.time.Duration.ofDays(1);
    private static final java.time.Duration WAIT = java.time.Duration.ofSeconds(15);
    /** Longer than the worst refresh (connect retries, one read, the secret write), so a live refresh never loses it. */
    private static final java.time.Duration LEASE_LENGTH = java.time.Duration.ofSeconds(90);

    private final TokenVault vault;
    private final FrontOAuth oauth;
    private final ConnectionStore connections;
    private final LeaseStore leases;
    private final FrontConfig config;
    private final Clock clock;

    public FrontTokens(TokenVault vault, FrontOAuth oauth, ConnectionStore connections, LeaseStore leases, FrontConfig config, Clock clock) {
        this.vault = vault;
        this.oauth = oauth;
        this.connections = connections;
        this.leases = leases;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The stored token if it is usable now, without refreshing or waiting (for webhooks).
     *
     * @throws FrontUnavailableException when it is about to expire (the next reconciliation refreshes it)
     * @throws FrontNotConnectedException when the tenant is not connected or must reconnect
     */
    public String currentIfFresh(String tenantId) {
        ConnectionState state = connections.get(tenantId, FrontSecret.PROVIDER).state();
        if (state != ConnectionState.CONNECTED) {
            throw new FrontNotConnectedException(tenantId, state.name().toLowerCase(java.util.Locale.ROOT));
        }
        VaultSecret secret = read(tenantId);
        if (!fresh(secret)) {
            throw new FrontUnavailableException("The Front access token is due for a refresh; reconciliation refreshes it");
        }
        return secret.field(FrontSecret.ACCESS_TOKEN);
    }

    /** @throws FrontNotConnectedException when the tenant is not connected or must reconnect */
    public String current(String tenantId) {
        ConnectionState state = connections.get(tenantId, FrontSecret.PROVIDER).state();
        if (state != ConnectionState.CONNECTED) {
            throw new FrontNotConnectedException(tenantId, state.name().toLowerCase(java.util.Locale.ROOT));
        }
        SingleFlight.Flight flight = new SingleFlight.Flight(tenantId, LEASE, LEASE_LENGTH, WAIT,
                why -> new FrontUnavailableException(why + " (Front)"));
        return SingleFlight.run(leases, clock, flight, () -> {
            VaultSecret secret = read(tenantId);
            return fresh(secret) ? Optional.of(secret.field(FrontSecret.ACCESS_TOKEN)) : Optional.empty();
        }, () -> refreshUnderLease(tenantId));
    }

    private String refreshUnderLease(String tenantId) {
        VaultSecret secret = read(tenantId);
        if (fresh(secret)) {
            return secret.field(FrontSecret.ACCESS_TOKEN); // refreshed by another invocation meanwhile
        }
        // A refresh may rotate the refresh token: only ask for one once Secrets Manager has just
        // taken a write, so the new token is not left in memory alone.
        try {
            secret = vault.update(tenantId, FrontSecret.PROVIDER, secret, secret.fields());
        } catch (StaleSecretVersionException moved) {
            // Our own probe applied with its answer lost, or another writer: either way it is writable.
            secret = read(tenantId);
            if (fresh(secret)) {
                return secret.field(FrontSecret.ACCESS_TOKEN);
            }
        }
        FrontTokenSet tokens;
        try {
            tokens = oauth.refresh(secret.field(FrontSecret.REFRESH_TOKEN));
        } catch (FrontGrantInDoubtException inDoubt) {
            connections.mark(tenantId, FrontSecret.PROVIDER, IN_DOUBT, IN_DOUBT_MEMORY);
            throw inDoubt;
        } catch (FrontOAuthException refused) {
            if (!refused.invalidGrant()) {
                throw refused;
            }
            if (connections.takeMarker(tenantId, FrontSecret.PROVIDER, IN_DOUBT)) {
                // The last refresh's answer was lost: Front may have rotated the token then. Not a
                // revocation yet: the secret is read afresh next time, and only a second refusal counts.
                LOG.warnf("Front refused the refresh token of tenant %s after a refresh whose answer was lost; trying again next run",
                        tenantId);
                throw new FrontUnavailableException("Front refused the refresh token right after a refresh whose answer was lost; "
                        + "trying again next run before asking for a reconnect");
            }
            if (connections.markReconnectRequired(tenantId, FrontSecret.PROVIDER,
                    "Front refused the stored refresh token (revoked or expired); an admin must reconnect")) {
                LOG.warnf("Front connection of tenant %s needs a reconnect: %s", tenantId, refused.getMessage());
            }
            throw new FrontNotConnectedException(tenantId, "reconnect required");
        }
        persist(tenantId, secret, secretFields(tokens));
        LOG.infof("Refreshed the Front access token of tenant %s", tenantId);
        return tokens.accessToken();
    }

    /** Stores refreshed tokens over the latest version, for most of the lease (see {@link RefreshedTokens}). */
    private void persist(String tenantId, VaultSecret read, Map<String, String> refreshed) {
        RefreshedTokens.store(vault, tenantId, FrontSecret.PROVIDER, read, refreshed, () -> read(tenantId),
                clock.instant().plus(LEASE_LENGTH.dividedBy(2)), clock);
    }

    /** The secret fields of an OAuth connection. */
    public static Map<String, String> secretFields(FrontTokenSet tokens) {
        Map<String, String> fields = new HashMap<>();
        fields.put(FrontSecret.AUTH, FrontSecret.AUTH_OAUTH);
        fields.put(FrontSecret.ACCESS_TOKEN, tokens.accessToken());
        if (tokens.refreshToken() != null) {
            fields.put(FrontSecret.REFRESH_TOKEN, tokens.refreshToken());
        }
        fields.put(FrontSecret.EXPIRES_AT, Long.toString(tokens.expiresAt().getEpochSecond()));
        return fields;
    }

    private boolean fresh(VaultSecret secret) {
        if (!FrontSecret.AUTH_OAUTH.equals(secret.field(FrontSecret.AUTH))) {
            return true; // API tokens do not expire
        }
        String expiresAt = secret.field(FrontSecret.EXPIRES_AT);
        return expiresAt != null && Instant.ofEpochSecond(Long.parseLong(expiresAt)).minus(config.refreshAhead()).isAfter(clock.instant());
    }

    private VaultSecret read(String tenantId) {
        VaultSecret secret = vault.read(tenantId, FrontSecret.PROVIDER)
                .orElseThrow(() -> new FrontNotConnectedException(tenantId, "no stored token"));
        if (secret.field(FrontSecret.ACCESS_TOKEN) == null) {
            throw new FrontNotConnectedException(tenantId, "no stored token");
        }
        return secret;
    }
}
