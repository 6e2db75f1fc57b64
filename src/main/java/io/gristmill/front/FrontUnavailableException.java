package io.gristmill.front;

/** Front answered 5xx or not at all (timeout, connection refused): worth a retry later. */
public class FrontUnavailableException extends FrontException {
    public FrontUnavailableException(String message) {
        super(message);
    }
}
