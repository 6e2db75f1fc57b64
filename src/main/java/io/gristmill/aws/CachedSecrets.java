package io.gristmill.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.config.GristmillConfig;

/**
 * Secrets read on hot paths (every webhook needs the Front app secret, every rule webhook its
 * tenant's API secret), kept in memory for a bounded age so that a burst of deliveries does not
 * become a burst of Secrets Manager reads. Absence is remembered too (an unknown tenant costs one
 * read per age, however many requests name it). After a rotation a caller may ask for a
 * {@link #reread} once the cached value is older than {@code min-reread}: an unverifiable
 * signature refreshes the cache at most that often, whoever sends it.
 */
@ApplicationScoped
public class CachedSecrets {
    private final TokenVault vault;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration minReread;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(Optional<VaultSecret> secret, Instant readAt) {
    }

    public CachedSecrets(TokenVault vault, GristmillConfig config, Clock clock) {
        this.vault = vault;
        this.clock = clock;
        this.maxAge = config.secrets().cacheMaxAge();
        this.minReread = config.secrets().cacheMinReread();
    }

    /** The app's own secret for a provider ({@code <prefix>/_app/<provider>}). */
    public Optional<VaultSecret> app(String provider) {
        return get("_app/" + provider, () -> vault.readAppSecret(provider));
    }

    /** A tenant's connection secret. */
    public Optional<VaultSecret> tenant(String tenantId, String provider) {
        return get(tenantId + "/" + provider, () -> vault.read(tenantId, provider));
    }

    /**
     * Reads the app secret again if the cached one is older than {@code min-reread}; returns
     * whether a different value was found (then the caller may verify once more).
     */
    public boolean rereadApp(String provider) {
        return reread("_app/" + provider, () -> vault.readAppSecret(provider));
    }

    public boolean rereadTenant(String tenantId, String provider) {
        return reread(tenantId + "/" + provider, () -> vault.read(tenantId, provider));
    }

    /** Forgets a tenant's secret at once (after a disconnect or an erasure in this process). */
    public void forget(String tenantId, String provider) {
        entries.remove(tenantId + "/" + provider);
    }

    private Optional<VaultSecret> get(String key, java.util.function.Supplier<Optional<VaultSecret>> read) {
        Entry entry = entries.get(key);
        Instant now = clock.instant();
        if (entry != null && entry.readAt().plus(maxAge).isAfter(now)) {
            return entry.secret();
        }
        Entry fresh = new Entry(read.get(), now);
        entries.put(key, fresh);
        return fresh.secret();
    }

    private boolean reread(String key, java.util.function.Supplier<Optional<VaultSecret>> read) {
        Entry entry = entries.get(key);
        Instant now = clock.instant();
        if (entry != null && entry.readAt().plus(minReread).isAfter(now)) {
            return false;
        }
        Entry fresh = new Entry(read.get(), now);
        entries.put(key, fresh);
        return entry == null || !versionOf(entry).equals(versionOf(fresh));
    }

    private static String versionOf(Entry entry) {
        return entry.secret().map(VaultSecret::versionId).orElse("");
    }
}
