package io.gristmill.access;

/**
 * A request the service refuses: the caller's mistake, something they may not see or do, a
 * conflict with what is stored, more than one answer may hold, or a provider that refused or failed. Services throw it without
 * knowing about HTTP; {@code http.Refusals} answers it with its status in one table. The message
 * is shown to the caller: it names what is wrong, never a secret.
 */
public class Refusal extends RuntimeException {
    /** What kind of refusal, each answered with one status. */
    public enum Kind {
        INVALID, NOT_ALLOWED, NOT_FOUND, CONFLICT, TOO_MUCH, PROVIDER_FAILED
    }

    private final Kind kind;
    private final String error;

    public Refusal(Kind kind, String error, String message) {
        super(message);
        this.kind = kind;
        this.error = error;
    }

    public Kind kind() {
        return kind;
    }

    /** The machine-readable {@code error} of the answer. */
    public String error() {
        return error;
    }

    public static Refusal invalid(String message) {
        return new Refusal(Kind.INVALID, "bad_request", message);
    }

    public static Refusal notAllowed(String message) {
        return new Refusal(Kind.NOT_ALLOWED, "forbidden", message);
    }

    public static Refusal notFound(String message) {
        return new Refusal(Kind.NOT_FOUND, "not_found", message);
    }

    public static Refusal conflict(String message) {
        return new Refusal(Kind.CONFLICT, "conflict", message);
    }
}
