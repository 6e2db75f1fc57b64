package io.gristmill.front;

/** The root of everything Front (or our connection to it) can fail with, so callers can catch the provider as one. */
public abstract class FrontException extends RuntimeException {
    protected FrontException(String message) {
        super(message);
    }

    protected FrontException(String message, Throwable cause) {
        super(message, cause);
    }
}
