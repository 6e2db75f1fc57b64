package io.gristmill.front;

import java.time.Duration;

/** Front answered 429 with a {@code retry-after} longer than Gristmill waits within one run. */
public class FrontRateLimitedException extends FrontException {
    private final Duration retryAfter;

    public FrontRateLimitedException(Duration retryAfter) {
        super("Front's rate limit was reached; retry after " + retryAfter.toSeconds() + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
