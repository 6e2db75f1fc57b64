package io.gristmill.salesforce;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.aws.TokenVault;
import io.gristmill.aws.VaultSecret;

/**
 * The Salesforce External Client App's client id and secret. They live in Secrets Manager
 * ({@code <prefix>/_app/salesforce}, fields {@code client_id} and {@code client_secret}), never in
 * configuration files, and are cached briefly so that a warm Lambda does not re-read them per call.
 */
@ApplicationScoped
public class AppCredentials {
    private final TokenVault vault;
    private final SalesforceConfig config;
    private final Clock clock;
    private volatile Cached cached;

    private record Cached(String clientId, String clientSecret, Instant until) {
    }

    public AppCredentials(TokenVault vault, SalesforceConfig config, Clock clock) {
        this.vault = vault;
        this.config = config;
        this.clock = clock;
    }

    public String clientId() {
        return current().clientId();
    }

    public String clientSecret() {
        return current().clientSecret();
    }

    private Cached current() {
        Cached now = cached;
        if (now != null && clock.instant().isBefore(now.until())) {
            return now;
        }
        String name = vault.appSecretName(SalesforceSecret.PROVIDER);
        VaultSecret secret = vault.readAppSecret(SalesforceSecret.PROVIDER)
                .orElseThrow(() -> new IllegalStateException("Secret " + name + " with client_id and client_secret is missing"));
        String id = secret.field("client_id");
        String clientSecret = secret.field("client_secret");
        if (id == null || clientSecret == null) {
            throw new IllegalStateException("Secret " + name + " needs the fields client_id and client_secret");
        }
        Cached fresh = new Cached(id, clientSecret, clock.instant().plus(config.appCredentialsCache()));
        cached = fresh;
        return fresh;
    }
}
