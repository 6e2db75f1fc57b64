package io.gristmill.salesforce;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gristmill.aws.AppCredentials;
import io.gristmill.outbound.CallFailures;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/**
 * Salesforce's OAuth 2.0 web-server flow with PKCE: authorize URL, code exchange, refresh and
 * revoke against the org's login host. Only the scopes {@code api refresh_token} are requested.
 * Token values never reach a log line or an exception message.
 */
@ApplicationScoped
public class SalesforceOAuth {
    public static final String SCOPES = "api refresh_token";
    private static final Logger LOG = Logger.getLogger(SalesforceOAuth.class);
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final SalesforceConfig config;
    private final AppCredentials apps;
    private final ObjectMapper json;
    private final Pattern allowedHosts;
    private final Map<URI, SalesforceAuthApi> clients = new ConcurrentHashMap<>();

    public SalesforceOAuth(SalesforceConfig config, AppCredentials apps, ObjectMapper json) {
        this.config = config;
        this.apps = apps;
        this.json = json;
        this.allowedHosts = Pattern.compile(config.allowedLoginHosts());
    }

    /** The login host to use: the admin's choice if allowed, else the default; never any other host. */
    public String loginHost(String requested) {
        String host = requested == null || requested.isBlank() ? config.defaultLoginHost() : requested.trim().toLowerCase(java.util.Locale.ROOT);
        if (host.startsWith("https://")) {
            host = host.substring("https://".length());
        }
        if (host.endsWith("/")) {
            host = host.substring(0, host.length() - 1);
        }
        if (!allowedHosts.matcher(host).matches()) {
            throw new IllegalArgumentException("loginHost '" + requested + "' is not a Salesforce login host "
                    + "(login.salesforce.com, test.salesforce.com or <domain>.my.salesforce.com)");
        }
        return host;
    }

    public URI loginBase(String loginHost) {
        return config.loginBaseUrlOverride().orElse(URI.create("https://" + loginHost));
    }

    /** PKCE S256 challenge of a verifier: base64url(SHA-256(verifier)). */
    public static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI authorizeUrl(String loginHost, String redirectUri, String state, String verifier) {
        String query = "response_type=code"
                + "&client_id=" + enc(app().clientId())
                + "&redirect_uri=" + enc(redirectUri)
                + "&scope=" + enc(SCOPES)
                + "&state=" + enc(state)
                + "&code_challenge=" + enc(challenge(verifier))
                + "&code_challenge_method=S256"
                + "&prompt=" + enc("login consent");
        return URI.create(loginBase(loginHost) + "/services/oauth2/authorize?" + query);
    }

    /** Exchanges an authorization code (single-use, so never retried) for the org's tokens. */
    public SalesforceTokenSet exchangeCode(String loginHost, String code, String verifier, String redirectUri) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.putSingle("grant_type", "authorization_code");
        form.putSingle("code", code);
        form.putSingle("client_id", app().clientId());
        form.putSingle("client_secret", app().clientSecret());
        form.putSingle("redirect_uri", redirectUri);
        form.putSingle("code_verifier", verifier);
        SalesforceTokenSet tokens = tokenRequest(loginHost, form);
        verifySignature(tokens);
        return tokens;
    }

    /**
     * A new access token (and, with rotation, a new refresh token) from a refresh token. Sent
     * again only when it never reached Salesforce or Salesforce answered 5xx; a lost answer is
     * {@link SalesforceGrantInDoubtException}, since a rotated refresh token is single-use.
     */
    @Retry(retryOn = SalesforceUnavailableException.class, abortOn = SalesforceGrantInDoubtException.class, maxRetries = 2, delay = 300,
            jitter = 200)
    public SalesforceTokenSet refresh(String loginHost, String refreshToken) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.putSingle("grant_type", "refresh_token");
        form.putSingle("refresh_token", refreshToken);
        form.putSingle("client_id", app().clientId());
        form.putSingle("client_secret", app().clientSecret());
        SalesforceTokenSet tokens = tokenRequest(loginHost, form);
        verifySignature(tokens);
        return tokens;
    }

    /** Revokes a token (a refresh token ends every session it created). */
    @Retry(retryOn = SalesforceUnavailableException.class, maxRetries = 2, delay = 300, jitter = 200)
    public void revoke(String loginHost, String token) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.putSingle("token", token);
        try (Response response = client(loginHost).revoke(form)) {
            int status = response.getStatus();
            if (status >= 500) {
                throw new SalesforceUnavailableException("Salesforce answered " + status + " to the revoke request");
            }
            if (status >= 400) {
                // Already revoked or expired: the goal state is reached.
                LOG.infof("Salesforce did not revoke the token (%d): it was no longer valid", status);
            }
        } catch (ProcessingException e) {
            throw new SalesforceUnavailableException("Salesforce did not answer the revoke request: " + e.getClass().getSimpleName());
        }
    }

    private SalesforceTokenSet tokenRequest(String loginHost, MultivaluedMap<String, String> form) {
        try (Response response = client(loginHost).token(form)) {
            int status = response.getStatus();
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            if (status >= 500) {
                throw new SalesforceUnavailableException("Salesforce's token endpoint answered " + status);
            }
            Map<String, Object> parsed = parse(body);
            if (status >= 400) {
                String error = String.valueOf(parsed.getOrDefault("error", "http_" + status));
                String description = String.valueOf(parsed.getOrDefault("error_description", ""));
                if ("invalid_grant".equals(error)) {
                    throw new InvalidGrantException(description);
                }
                throw new SalesforceOAuthException("Salesforce refused the token request: " + error + " (" + description + ")");
            }
            SalesforceTokenSet tokens = SalesforceTokenSet.from(parsed);
            if (tokens.accessToken() == null || tokens.instanceUrl() == null || tokens.identityUrl() == null) {
                throw new SalesforceOAuthException("Salesforce's token response lacks access_token, instance_url or id");
            }
            return tokens;
        } catch (ProcessingException e) {
            if (CallFailures.neverSent(e)) {
                throw new SalesforceUnavailableException("Salesforce's token endpoint could not be reached: " + e.getClass().getSimpleName());
            }
            throw new SalesforceGrantInDoubtException("Salesforce's token endpoint did not answer in time: " + e.getClass().getSimpleName());
        }
    }

    /** {@code signature} = base64 HMAC-SHA256 of {@code id + issued_at} keyed by the client secret. */
    private void verifySignature(SalesforceTokenSet tokens) {
        if (tokens.signature() == null || tokens.issuedAt() == null) {
            throw new SalesforceOAuthException("Salesforce's token response is not signed");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(app().clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((tokens.identityUrl() + tokens.issuedAt()).getBytes(StandardCharsets.UTF_8));
            byte[] given = Base64.getDecoder().decode(tokens.signature());
            if (!MessageDigest.isEqual(expected, given)) {
                throw new SalesforceOAuthException("Salesforce's token response signature does not verify");
            }
        } catch (IllegalArgumentException | java.security.GeneralSecurityException e) {
            throw new SalesforceOAuthException("Salesforce's token response signature cannot be checked");
        }
    }

    private Map<String, Object> parse(String body) {
        if (body == null || body.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(body, JSON_OBJECT);
        } catch (JsonProcessingException e) {
            // Jackson would quote the body, which may hold tokens: say only that it was not JSON.
            return Map.of();
        }
    }

    private SalesforceAuthApi client(String loginHost) {
        return clients.computeIfAbsent(loginBase(loginHost), base -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(base)
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(SalesforceAuthApi.class));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private AppCredentials.Client app() {
        return apps.of(SalesforceSecret.PROVIDER);
    }
}
