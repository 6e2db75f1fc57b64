package io.gristmill.front;

/** Front refused the token (401): revoked, expired, or never valid. */
public class FrontUnauthorizedException extends FrontException {
    public FrontUnauthorizedException(String message) {
        super(message);
    }
}
