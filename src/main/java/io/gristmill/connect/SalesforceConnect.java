package io.gristmill.connect;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gristmill.connection.Connection;
import io.gristmill.connection.ConnectionStore;
import io.gristmill.aws.SecretAlreadyExistsException;
import io.gristmill.aws.StaleSecretVersionException;
import io.gristmill.aws.TokenVault;
import io.gristmill.aws.VaultSecret;
import io.gristmill.salesforce.InvalidGrantException;
import io.gristmill.salesforce.SalesforceConfig;
import io.gristmill.salesforce.SalesforceOAuth;
import io.gristmill.salesforce.SalesforceOAuthException;
import io.gristmill.salesforce.SalesforceSecret;
import io.gristmill.salesforce.SalesforceTokenSet;
import io.gristmill.salesforce.SalesforceUnavailableException;

/**
 * Connecting a tenant's Salesforce org (OAuth web-server flow with PKCE), disconnecting it, and
 * reporting where it stands. Tokens go to the tenant's secret only.
 */
@ApplicationScoped
public class SalesforceConnect implements ProviderFlow {
    private static final Logger LOG = Logger.getLogger(SalesforceConnect.class);

    private final SalesforceOAuth oauth;
    private final SalesforceConfig config;
    private final OAuthStateStore states;
    private final ConnectionStore connections;
    private final TokenVault vault;
    private final Clock clock;

    /** The result of a disconnect. */
    public record Disconnected(Connection connection, boolean revokedAtSalesforce) {
    }

    public SalesforceConnect(SalesforceOAuth oauth, SalesforceConfig config, OAuthStateStore states,
            ConnectionStore connections, TokenVault vault, Clock clock) {
        this.oauth = oauth;
        this.config = config;
        this.states = states;
        this.connections = connections;
        this.vault = vault;
        this.clock = clock;
    }

    /** @throws IllegalArgumentException when the login host is not a Salesforce login host */
    public OAuthFlow.Started start(String tenantId, String adminSubject, String requestedLoginHost) {
        String loginHost = oauth.loginHost(requestedLoginHost);
        String state = OAuthState.randomToken();
        String verifier = OAuthState.randomToken() + OAuthState.randomToken();
        Instant now = clock.instant();
        states.save(new OAuthState(state, SalesforceSecret.PROVIDER, tenantId, adminSubject, verifier, loginHost, now), config.stateTtl());
        LOG.infof("Tenant %s started connecting Salesforce via %s", tenantId, loginHost);
        return new OAuthFlow.Started(oauth.authorizeUrl(loginHost, redirectUri(), state, verifier), now.plus(config.stateTtl()));
    }

    @Override
    public String provider() {
        return SalesforceSecret.PROVIDER;
    }

    @Override
    public String displayName() {
        return "Salesforce";
    }

    /** Exchanges the code Salesforce redirected back with (PKCE verifier from the state) and stores the tokens. */
    @Override
    public OAuthFlow.Outcome finish(OAuthState state, Map<String, String> query) {
        if (query.containsKey("error")) {
            LOG.infof("Salesforce consent for tenant %s ended with %s", state.tenantId(), query.get("error"));
            String description = query.getOrDefault("error_description", query.get("error"));
            return failure("access_denied".equals(query.get("error")) ? 403 : 400, "consent_refused", "Salesforce was not connected",
                    "Salesforce reported: " + description + ". Nothing was stored.");
        }
        String code = query.get("code");
        if (code == null || code.isBlank()) {
            return failure(400, "no_code", "Salesforce was not connected", "Salesforce sent no authorization code. Start again from Gristmill.");
        }
        SalesforceTokenSet tokens;
        try {
            tokens = oauth.exchangeCode(state.loginHost(), code, state.codeVerifier(), redirectUri());
        } catch (InvalidGrantException e) {
            return failure(400, "grant_refused", "Salesforce was not connected", "Salesforce did not accept the sign-in (" + e.getMessage()
                    + "). Start again from Gristmill.");
        } catch (SalesforceUnavailableException e) {
            return failure(502, "provider_unavailable", "Salesforce did not answer", "Salesforce could not be reached. Try connecting again in a few minutes.");
        } catch (SalesforceOAuthException e) {
            return failure(502, "provider_failed", "Salesforce was not connected", e.getMessage());
        }
        return connect(state, tokens);
    }

    /** Stores the tokens of a finished sign-in, unless another tenant has connected the same org. */
    private OAuthFlow.Outcome connect(OAuthState state, SalesforceTokenSet tokens) {
        Connection before = connections.get(state.tenantId(), SalesforceSecret.PROVIDER);
        String owner = connections.claimAccount(state.tenantId(), SalesforceSecret.PROVIDER, tokens.orgId());
        if (!owner.equals(state.tenantId())) {
            LOG.warnf("Tenant %s tried to connect Salesforce org %s, which another tenant has connected", state.tenantId(), tokens.orgId());
            revokeQuietly(state.loginHost(), tokens.refreshToken() != null ? tokens.refreshToken() : tokens.accessToken());
            return failure(409, "account_taken", "This Salesforce org is connected elsewhere",
                    "Salesforce org " + tokens.orgId() + " is already connected to another Gristmill account. Nothing was stored.");
        }
        if (before.account() != null && !before.account().equals(tokens.orgId())) {
            switchedOrg(state.tenantId(), before.account(), tokens.orgId());
        }
        storeTokens(state.tenantId(), tokens.secretFields(state.loginHost(), null));
        connections.connected(state.tenantId(), SalesforceSecret.PROVIDER, tokens.orgId(), tokens.userId(), tokens.instanceUrl(),
                state.loginHost(), state.adminSubject());
        LOG.infof("Tenant %s connected Salesforce org %s", state.tenantId(), tokens.orgId());
        return OAuthFlow.Outcome.connected(provider(), "Salesforce is connected",
                "Gristmill can now read org " + tokens.orgId() + " (read-only). Activity appears within a few minutes.");
    }

    /** Revokes the tokens at Salesforce, deletes the secret and stops syncing; synced history stays. */
    public Disconnected disconnect(String tenantId) {
        Optional<VaultSecret> secret = vault.read(tenantId, SalesforceSecret.PROVIDER);
        boolean revoked = false;
        if (secret.isPresent()) {
            String token = Optional.ofNullable(secret.get().field(SalesforceSecret.REFRESH_TOKEN))
                    .orElse(secret.get().field(SalesforceSecret.ACCESS_TOKEN));
            revoked = revokeQuietly(secret.get().field(SalesforceSecret.LOGIN_HOST), token);
            vault.delete(tenantId, SalesforceSecret.PROVIDER);
        }
        Connection before = connections.get(tenantId, SalesforceSecret.PROVIDER);
        if (before.account() != null) {
            connections.releaseAccount(tenantId, SalesforceSecret.PROVIDER, before.account());
        }
        connections.markDisconnected(tenantId, SalesforceSecret.PROVIDER);
        LOG.infof("Tenant %s disconnected Salesforce (revoked at Salesforce: %s)", tenantId, revoked);
        return new Disconnected(connections.get(tenantId, SalesforceSecret.PROVIDER), revoked);
    }

    /**
     * The admin connected another org than before (a sandbox, then production): the old org is
     * released for other tenants, and what was learnt from it — cursors, field lists, role and
     * group names — is forgotten, so that the new org is backfilled from scratch. Activity already
     * synced from the old org stays (it is real work).
     */
    private void switchedOrg(String tenantId, String oldOrg, String newOrg) {
        connections.releaseAccount(tenantId, SalesforceSecret.PROVIDER, oldOrg);
        int forgotten = connections.forget(tenantId, ORG_STATE);
        LOG.infof("Tenant %s switched Salesforce from org %s to %s: released the old org and forgot %d items of its sync state",
                tenantId, oldOrg, newOrg, forgotten);
    }

    /** Sort-key prefixes of what the poller learns from one org. */
    static final java.util.List<String> ORG_STATE = java.util.List.of("CURSOR#" + SalesforceSecret.PROVIDER + "#",
            "DESCRIBE#" + SalesforceSecret.PROVIDER + "#", "SFNAME#");

    private void storeTokens(String tenantId, Map<String, String> fields) {
        for (int attempt = 1; ; attempt++) {
            Optional<VaultSecret> existing = vault.read(tenantId, SalesforceSecret.PROVIDER);
            try {
                if (existing.isPresent()) {
                    vault.update(tenantId, SalesforceSecret.PROVIDER, existing.get(), new HashMap<>(fields));
                } else {
                    vault.create(tenantId, SalesforceSecret.PROVIDER, fields);
                }
                return;
            } catch (StaleSecretVersionException | SecretAlreadyExistsException raced) {
                if (attempt == 3) {
                    throw raced;
                }
            }
        }
    }

    private boolean revokeQuietly(String loginHost, String token) {
        if (loginHost == null || token == null) {
            return false;
        }
        try {
            oauth.revoke(loginHost, token);
            return true;
        } catch (SalesforceOAuthException e) {
            LOG.warnf("Could not revoke a Salesforce token: %s", e.getMessage());
            return false;
        }
    }

    private String redirectUri() {
        return config.redirectUri().orElseThrow(() -> new IllegalStateException(
                "gristmill.salesforce.redirect-uri (GRISTMILL_SALESFORCE_REDIRECT_URI) is not set"));
    }

    private OAuthFlow.Outcome failure(int status, String error, String title, String message) {
        return OAuthFlow.Outcome.failed(provider(), status, error, title, message);
    }
}
