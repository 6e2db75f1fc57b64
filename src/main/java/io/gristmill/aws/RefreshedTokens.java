package io.gristmill.aws;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import software.amazon.awssdk.core.exception.SdkException;

/**
 * Stores tokens a provider just issued, for Salesforce and Front alike. They exist nowhere else,
 * so a failing write is tried again until {@code giveUp} (Secrets Manager hiccups pass in seconds),
 * and each write goes over the latest version: fields another writer changed meanwhile are kept,
 * the refreshed ones win, a field the refresh did not return (a refresh token Salesforce did not
 * rotate) keeps its stored value.
 */
public final class RefreshedTokens {
    private static final Logger LOG = Logger.getLogger(RefreshedTokens.class);

    private RefreshedTokens() {
    }

    /**
     * @param read   the version the refresh started from
     * @param reread the latest version, read again after a failed write
     */
    public static VaultSecret store(TokenVault vault, String tenantId, String provider, VaultSecret read, Map<String, String> refreshed,
            Supplier<VaultSecret> reread, Instant giveUp, Clock clock) {
        VaultSecret base = read;
        Map<String, String> fields = Map.copyOf(refreshed);
        long pause = 100;
        while (true) {
            try {
                return vault.update(tenantId, provider, base, merged(base, fields));
            } catch (StaleSecretVersionException | SdkException failed) {
                if (clock.instant().isAfter(giveUp)) {
                    LOG.errorf("Refreshed %s tokens of tenant %s could not be stored: %s", provider, tenantId, failed.getClass().getSimpleName());
                    throw failed;
                }
                LOG.warnf("Storing the refreshed %s tokens of tenant %s failed (%s); trying again", provider, tenantId,
                        failed.getClass().getSimpleName());
                sleep(pause);
                pause = Math.min(pause * 2, 2000);
                try {
                    base = reread.get();
                } catch (SdkException stillDown) {
                    // keep the version read before; the next attempt tells
                }
            }
        }
    }

    /** The stored fields with the refreshed ones over them. */
    static Map<String, String> merged(VaultSecret stored, Map<String, String> refreshed) {
        Map<String, String> merged = new HashMap<>(stored.fields());
        merged.putAll(refreshed);
        return merged;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while storing refreshed tokens");
        }
    }
}
