package io.gristmill.aws;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * An OAuth app's client id and secret, for every provider the same way: from Secrets Manager
 * ({@code <prefix>/_app/<provider>}, fields {@code client_id} and {@code client_secret}; never in
 * configuration files), through {@link CachedSecrets}, so a warm Lambda re-reads them at most once
 * per {@code gristmill.secrets.cache-max-age}.
 */
@ApplicationScoped
public class AppCredentials {
    public static final String CLIENT_ID = "client_id";
    public static final String CLIENT_SECRET = "client_secret";

    private final CachedSecrets secrets;
    private final TokenVault vault;

    /** One app's credentials. */
    public record Client(String clientId, String clientSecret) {
        @Override
        public String toString() {
            return "Client[clientId=" + clientId + ", clientSecret=(hidden)]";
        }
    }

    public AppCredentials(CachedSecrets secrets, TokenVault vault) {
        this.secrets = secrets;
        this.vault = vault;
    }

    public Client of(String provider) {
        String name = vault.appSecretName(provider);
        VaultSecret secret = secrets.app(provider)
                .orElseThrow(() -> new IllegalStateException("Secret " + name + " with client_id and client_secret is missing"));
        String id = secret.field(CLIENT_ID);
        String clientSecret = secret.field(CLIENT_SECRET);
        if (id == null || clientSecret == null) {
            throw new IllegalStateException("Secret " + name + " needs the fields client_id and client_secret");
        }
        return new Client(id, clientSecret);
    }
}
