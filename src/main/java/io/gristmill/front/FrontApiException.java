package io.gristmill.front;

/** Any other refusal by Front (4xx), with Front's own message. */
public class FrontApiException extends FrontException {
    private final int status;

    public FrontApiException(int status, String message) {
        super("Front answered " + status + (message == null || message.isBlank() ? "" : ": " + message));
        this.status = status;
    }

    public int status() {
        return status;
    }
}
