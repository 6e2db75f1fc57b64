package io.gristmill.front;

/**
 * A grant request reached Front but its answer was lost (read timeout, broken connection): Front
 * may have honoured it. Never retried blindly, since a code or a rotated refresh token is single-use.
 */
public class FrontGrantInDoubtException extends FrontUnavailableException {
    public FrontGrantInDoubtException(String message) {
        super(message);
    }
}
