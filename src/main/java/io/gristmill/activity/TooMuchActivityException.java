package io.gristmill.activity;

/** A read over a period that holds more activity than the caller allowed for. */
public class TooMuchActivityException extends RuntimeException {
    private final int limit;

    public TooMuchActivityException(int limit) {
        super("The period holds more than " + limit + " activities");
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
