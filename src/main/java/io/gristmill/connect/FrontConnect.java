package io.gristmill.connect;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;


import io.gristmill.access.Refusal;
import io.gristmill.connection.Connection;
import io.gristmill.connection.ConnectionStore;
import io.gristmill.aws.SecretAlreadyExistsException;
import io.gristmill.aws.StaleSecretVersionException;
import io.gristmill.aws.TokenVault;
import io.gristmill.aws.VaultSecret;
import io.gristmill.front.FrontApiException;
import io.gristmill.front.FrontClient;
import io.gristmill.front.FrontConfig;
import io.gristmill.front.FrontOAuth;
import io.gristmill.front.FrontOAuthException;
import io.gristmill.front.FrontRateLimitedException;
import io.gristmill.front.FrontSecret;
import io.gristmill.front.FrontTokenSet;
import io.gristmill.front.FrontTokens;
import io.gristmill.front.FrontUnauthorizedException;
import io.gristmill.front.FrontUnavailableException;

/**
 * Connecting a tenant's Front company: through the Gristmill Front app (OAuth; only Front admins
 * can authorize) or with a company API token an admin pastes. Either way the token is checked
 * with {@code GET /me}, whose company id ties app webhooks to the tenant (one company, one
 * tenant), and stored in the tenant's secret only — never echoed. Disconnecting deletes the
 * secret and stops ingestion; synced history stays.
 */
@ApplicationScoped
public class FrontConnect implements ProviderFlow {
    private static final Logger LOG = Logger.getLogger(FrontConnect.class);

    private final FrontOAuth oauth;
    private final FrontClient client;
    private final FrontConfig config;
    private final OAuthStateStore states;
    private final ConnectionStore connections;
    private final TokenVault vault;
    private final Clock clock;

    public FrontConnect(FrontOAuth oauth, FrontClient client, FrontConfig config, OAuthStateStore states, ConnectionStore connections,
            TokenVault vault, Clock clock) {
        this.oauth = oauth;
        this.client = client;
        this.config = config;
        this.states = states;
        this.connections = connections;
        this.vault = vault;
        this.clock = clock;
    }

    /** The body of {@code PUT /connections/front}. {@code apiSecret} (optional) verifies rule webhooks. */
    public record ApiTokenRequest(String apiToken, String apiSecret) {
        @Override
        public String toString() {
            return "ApiTokenRequest[***]";
        }
    }

    /** Connects with an admin-supplied API token. */
    public Connection connectWithApiToken(String tenantId, String adminSubject, ApiTokenRequest request) {
        if (request == null || request.apiToken() == null || request.apiToken().isBlank() || request.apiToken().length() > 4096) {
            throw Refusal.invalid("apiToken is required: a Front company API token (Settings → Developers → API tokens)");
        }
        if (request.apiSecret() != null && (request.apiSecret().isBlank() || request.apiSecret().length() > 512)) {
            throw Refusal.invalid("apiSecret, when given, must be Front's API secret (1-512 characters)");
        }
        String company = company(request.apiToken().trim(), Refusal.Kind.INVALID, "invalid_token",
                "Front did not accept this API token (revoked, mistyped, or not a company API token)");
        Map<String, String> fields = new HashMap<>();
        fields.put(FrontSecret.AUTH, FrontSecret.AUTH_API_TOKEN);
        fields.put(FrontSecret.ACCESS_TOKEN, request.apiToken().trim());
        if (request.apiSecret() != null) {
            fields.put(FrontSecret.API_SECRET, request.apiSecret().trim());
        }
        return store(tenantId, adminSubject, company, fields)
                .orElseThrow(() -> new Refusal(Refusal.Kind.CONFLICT, "account_taken", "Front company " + company
                        + " is already connected to another Gristmill account. Nothing was stored."));
    }

    /** Starts the OAuth flow; like Salesforce's, only the admin who starts it can finish it. */
    public OAuthFlow.Started start(String tenantId, String adminSubject) {
        String state = OAuthState.randomToken();
        Instant now = clock.instant();
        states.save(new OAuthState(state, FrontSecret.PROVIDER, tenantId, adminSubject, null, null, now), config.stateTtl());
        LOG.infof("Tenant %s started connecting Front", tenantId);
        URI url = oauth.authorizeUrl(redirectUri(), state);
        return new OAuthFlow.Started(url, now.plus(config.stateTtl()));
    }

    @Override
    public String provider() {
        return FrontSecret.PROVIDER;
    }

    @Override
    public String displayName() {
        return "Front";
    }

    /** Exchanges the code Front redirected back with and stores the token, checked with {@code GET /me}. */
    @Override
    public OAuthFlow.Outcome finish(OAuthState state, Map<String, String> query) {
        if (query.containsKey("error")) {
            return failure("access_denied".equals(query.get("error")) ? 403 : 400, "consent_refused", "Front was not connected",
                    "Front reported: " + query.getOrDefault("error_description", query.get("error")) + ". Nothing was stored.");
        }
        String code = query.get("code");
        if (code == null || code.isBlank()) {
            return failure(400, "no_code", "Front was not connected", "Front sent no authorization code. Start again from Gristmill.");
        }
        FrontTokenSet tokens;
        String company;
        try {
            tokens = oauth.exchangeCode(code, redirectUri());
            company = company(tokens.accessToken(), Refusal.Kind.PROVIDER_FAILED, "front_refused", "Front did not accept the new token");
        } catch (FrontOAuthException e) {
            return failure(400, "grant_refused", "Front was not connected",
                    "Front did not accept the sign-in (" + e.getMessage() + "). Start again from Gristmill.");
        } catch (FrontUnavailableException e) {
            return failure(502, "provider_unavailable", "Front did not answer", "Front could not be reached. Try connecting again in a few minutes.");
        } catch (Refusal e) {
            return failure(502, "provider_failed", "Front was not connected", e.getMessage());
        }
        Map<String, String> fields = new HashMap<>(FrontTokens.secretFields(tokens));
        // A rule-webhook secret set earlier with PUT survives a reconnect through OAuth.
        vault.read(state.tenantId(), FrontSecret.PROVIDER).map(s -> s.field(FrontSecret.API_SECRET))
                .ifPresent(secret -> fields.put(FrontSecret.API_SECRET, secret));
        if (store(state.tenantId(), state.adminSubject(), company, fields).isEmpty()) {
            return failure(409, "account_taken", "This Front company is connected elsewhere",
                    "Front company " + company + " is already connected to another Gristmill account. Nothing was stored.");
        }
        return OAuthFlow.Outcome.connected(provider(), "Front is connected",
                "Gristmill can now read company " + company + " (read-only, metadata only). Activity appears within a few minutes.");
    }

    /** Deletes the secret and stops ingestion (webhooks for this tenant are ignored from now on); history stays. */
    public Connection disconnect(String tenantId) {
        vault.delete(tenantId, FrontSecret.PROVIDER);
        Connection before = connections.get(tenantId, FrontSecret.PROVIDER);
        if (before.account() != null) {
            connections.releaseAccount(tenantId, FrontSecret.PROVIDER, before.account());
        }
        connections.markDisconnected(tenantId, FrontSecret.PROVIDER);
        LOG.infof("Tenant %s disconnected Front", tenantId);
        return connections.get(tenantId, FrontSecret.PROVIDER);
    }

    /** The company id of a token, from {@code GET /me}. */
    private String company(String token, Refusal.Kind refusedKind, String refusedError, String refusedMessage) {
        FrontClient.Me me;
        try {
            me = client.me(token);
        } catch (FrontUnauthorizedException e) {
            throw new Refusal(refusedKind, refusedError, refusedMessage);
        } catch (FrontUnavailableException | FrontRateLimitedException | FrontApiException e) {
            throw new Refusal(Refusal.Kind.PROVIDER_FAILED, "front_unavailable", "Front could not be reached to check the token; try again in a few minutes");
        }
        String company = me.companyId();
        if (!company.startsWith("cmp_")) {
            throw new Refusal(refusedKind, refusedError, refusedMessage + " (GET /me named no company)");
        }
        return company;
    }

    private Optional<Connection> store(String tenantId, String adminSubject, String company, Map<String, String> fields) {
        Connection before = connections.get(tenantId, FrontSecret.PROVIDER);
        if (!tenantId.equals(connections.claimAccount(tenantId, FrontSecret.PROVIDER, company))) {
            LOG.warnf("Tenant %s tried to connect Front company %s, which another tenant has connected", tenantId, company);
            return Optional.empty();
        }
        for (int attempt = 1; ; attempt++) {
            Optional<VaultSecret> existing = vault.read(tenantId, FrontSecret.PROVIDER);
            try {
                if (existing.isPresent()) {
                    vault.update(tenantId, FrontSecret.PROVIDER, existing.get(), fields);
                } else {
                    vault.create(tenantId, FrontSecret.PROVIDER, fields);
                }
                break;
            } catch (StaleSecretVersionException | SecretAlreadyExistsException raced) {
                if (attempt == 3) {
                    throw raced;
                }
            }
        }
        if (before.account() != null && !before.account().equals(company)) {
            connections.releaseAccount(tenantId, FrontSecret.PROVIDER, before.account()); // switched companies
        }
        Connection connection = connections.connected(tenantId, FrontSecret.PROVIDER, company, null, null, null, adminSubject);
        LOG.infof("Tenant %s connected Front company %s (%s)", tenantId, company, fields.get(FrontSecret.AUTH));
        return Optional.of(connection);
    }

    private String redirectUri() {
        return config.redirectUri().orElseThrow(() -> new IllegalStateException(
                "gristmill.front.redirect-uri (GRISTMILL_FRONT_REDIRECT_URI) is not set"));
    }

    private OAuthFlow.Outcome failure(int status, String error, String title, String message) {
        return OAuthFlow.Outcome.failed(provider(), status, error, title, message);
    }
}
