package io.gristmill.model;

/** The model gave no usable answer: throttled, timed out, refused the request, or answered without the tool. */
public class ModelUnavailableException extends RuntimeException {
    private final String reason;

    public ModelUnavailableException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** A short code for the record: {@code throttled}, {@code timeout}, {@code refused}, {@code no_tool_answer}, {@code unavailable}. */
    public String reason() {
        return reason;
    }
}
