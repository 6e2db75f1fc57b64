package io.gristmill.front;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.Retry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gristmill.aws.AppCredentials;
import io.gristmill.outbound.CallFailures;
import io.gristmill.outbound.LenientJson;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/**
 * The Gristmill Front app's side of Front OAuth: the authorize URL, and the code and refresh
 * grants (HTTP Basic with the app's client id and secret, read from Secrets Manager). Front sends
 * {@code expires_at}; some clients see {@code expires_in}: both are read.
 */
@ApplicationScoped
public class FrontOAuth {
    private final FrontConfig config;
    private final AppCredentials apps;
    private final ObjectMapper json;
    private final Clock clock;
    private volatile FrontAuthApi client;

    public FrontOAuth(FrontConfig config, AppCredentials apps, ObjectMapper json, Clock clock) {
        this.config = config;
        this.apps = apps;
        this.json = json;
        this.clock = clock;
    }

    public URI authorizeUrl(String redirectUri, String state) {
        return URI.create(config.authBaseUrl() + "/oauth/authorize?response_type=code&client_id=" + encode(app().clientId())
                + "&redirect_uri=" + encode(redirectUri) + "&state=" + encode(state));
    }

    /**
     * Grants are single-use: only a request that never reached Front is sent again
     * ({@link FrontUnavailableException}); an answer lost after sending is
     * {@link FrontGrantInDoubtException} and is not retried blindly.
     */
    @Retry(retryOn = FrontUnavailableException.class, abortOn = FrontGrantInDoubtException.class, maxRetries = 2, delay = 300, jitter = 200)
    public FrontTokenSet exchangeCode(String code, String redirectUri) {
        return grant("authorization_code", code, redirectUri, null);
    }

    @Retry(retryOn = FrontUnavailableException.class, abortOn = FrontGrantInDoubtException.class, maxRetries = 2, delay = 300, jitter = 200)
    public FrontTokenSet refresh(String refreshToken) {
        return grant("refresh_token", null, null, refreshToken);
    }

    private FrontTokenSet grant(String type, String code, String redirectUri, String refreshToken) {
        AppCredentials.Client app = app();
        String basic = "Basic " + Base64.getEncoder().encodeToString((app.clientId() + ":" + app.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        try (Response response = client().token(basic, type, code, redirectUri, refreshToken)) {
            String text = response.hasEntity() ? response.readEntity(String.class) : "";
            if (response.getStatus() >= 500) {
                // Front answered without issuing tokens: the grant was not used.
                throw new FrontUnavailableException("Front's token endpoint answered " + response.getStatus());
            }
            JsonNode body = LenientJson.read(json, text);
            if (response.getStatus() >= 400 || !body.path("access_token").isTextual()) {
                String error = body.path("error").asText(body.path("_error").path("message").asText("HTTP " + response.getStatus()));
                throw new FrontOAuthException("Front refused the " + type + " grant: " + error,
                        "invalid_grant".equals(error) || response.getStatus() == 401);
            }
            Instant expiresAt = body.path("expires_at").isNumber() ? Instant.ofEpochSecond(body.path("expires_at").asLong())
                    : clock.instant().plusSeconds(body.path("expires_in").asLong(3600));
            String newRefresh = body.path("refresh_token").isTextual() ? body.path("refresh_token").asText() : refreshToken;
            return new FrontTokenSet(body.path("access_token").asText(), newRefresh, expiresAt);
        } catch (ProcessingException e) {
            if (CallFailures.neverSent(e)) {
                throw new FrontUnavailableException("Front's token endpoint could not be reached: " + e.getClass().getSimpleName());
            }
            throw new FrontGrantInDoubtException("Front's token endpoint did not answer the " + type + " grant in time");
        }
    }

    private AppCredentials.Client app() {
        return apps.of(FrontSecret.PROVIDER);
    }

    private FrontAuthApi client() {
        if (client == null) {
            client = QuarkusRestClientBuilder.newBuilder()
                    .baseUri(URI.create(config.authBaseUrl()))
                    .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .property("microprofile.rest.client.disable.default.mapper", true)
                    .build(FrontAuthApi.class);
        }
        return client;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
