package io.gristmill.aws;

/** A secret for this tenant connection exists already; update it instead. */
public class SecretAlreadyExistsException extends RuntimeException {
    public SecretAlreadyExistsException(String secretName) {
        super("Secret " + secretName + " exists already");
    }
}
