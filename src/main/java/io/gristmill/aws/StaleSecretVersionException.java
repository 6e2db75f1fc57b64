package io.gristmill.aws;

/** Another writer changed the secret after it was read; re-read and decide again. */
public class StaleSecretVersionException extends RuntimeException {
    public StaleSecretVersionException(String secretName, String expectedVersion) {
        super("Secret " + secretName + " is no longer at version " + expectedVersion + ": it was changed concurrently");
    }
}
