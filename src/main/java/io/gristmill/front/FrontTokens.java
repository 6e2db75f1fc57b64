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
import io.gristmill.aws.TokenVault;
import io.gristmill.aws.VaultSecret;
import io.gristmill.connect.ConnectionState;
import io.gristmill.connect.ConnectionStore;

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
    private static final java.time.Duration WAIT = java.time.Duration.ofSeconds(15);
    private static final java.time.Duration LEASE_LENGTH = java.time.Duration.ofSeconds(30);

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

    /** @throws FrontNotConnectedException when the tenant is not connected or must reconnect */
    public String current(String tenantId) {
        ConnectionState state = connections.get(tenantId, FrontSecret.PROVIDER).state();
        if (state != ConnectionState.CONNECTED) {
            throw new FrontNotConnectedException(tenantId, state.name().toLowerCase(java.util.Locale.ROOT));
        }
        VaultSecret secret = read(tenantId);
        if (fresh(secret)) {
            return secret.field(FrontSecret.ACCESS_TOKEN);
        }
        Instant deadline = clock.instant().plus(WAIT);
        long pause = 25;
        while (true) {
            Optional<LeaseStore.Lease> lease = leases.tryAcquire(tenantId, LEASE, LEASE_LENGTH);
            if (lease.isPresent()) {
                try {
                    return refreshUnderLease(tenantId);
                } finally {
                    leases.release(lease.get());
                }
            }
            sleep(pause);
            pause = Math.min(pause * 2, 400);
            secret = read(tenantId);
            if (fresh(secret)) {
                return secret.field(FrontSecret.ACCESS_TOKEN);
            }
            if (clock.instant().isAfter(deadline)) {
                throw new FrontUnavailableException("Timed out waiting for another invocation to refresh the Front token");
            }
        }
    }

    private String refreshUnderLease(String tenantId) {
        VaultSecret secret = read(tenantId);
        if (fresh(secret)) {
            return secret.field(FrontSecret.ACCESS_TOKEN); // refreshed by another invocation meanwhile
        }
        FrontTokenSet tokens;
        try {
            tokens = oauth.refresh(secret.field(FrontSecret.REFRESH_TOKEN));
        } catch (FrontOAuthException refused) {
            if (!refused.invalidGrant()) {
                throw refused;
            }
            if (connections.markReconnectRequired(tenantId, FrontSecret.PROVIDER,
                    "Front refused the stored refresh token (revoked or expired); an admin must reconnect")) {
                LOG.warnf("Front connection of tenant %s needs a reconnect: %s", tenantId, refused.getMessage());
            }
            throw new FrontNotConnectedException(tenantId, "reconnect required");
        }
        Map<String, String> fields = new HashMap<>(secret.fields());
        fields.putAll(secretFields(tokens));
        VaultSecret base = secret;
        for (int attempt = 1; ; attempt++) {
            try {
                vault.update(tenantId, FrontSecret.PROVIDER, base, fields);
                break;
            } catch (StaleSecretVersionException moved) {
                if (attempt == 3) {
                    throw moved;
                }
                base = read(tenantId);
                Map<String, String> merged = new HashMap<>(base.fields());
                merged.putAll(secretFields(tokens));
                fields = merged;
            }
        }
        LOG.infof("Refreshed the Front access token of tenant %s", tenantId);
        return tokens.accessToken();
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FrontUnavailableException("Interrupted while waiting for a token refresh");
        }
    }
}
