package io.gristmill.connect;

import java.net.URI;
import java.time.Instant;

/** What every provider's OAuth connect flow shares: how it starts and how it ends. */
public final class OAuthFlow {
    private OAuthFlow() {
    }

    /** A started flow: where to send the admin's browser, and until when the flow may finish. */
    public record Started(URI authorizeUrl, Instant expiresAt) {
    }

    /** What the admin's app is answered: where to send the browser, and until when the flow may finish. */
    public record Authorize(String authorizeUrl, Instant expiresAt) {
        static Authorize of(Started started) {
            return new Authorize(started.authorizeUrl().toString(), started.expiresAt());
        }
    }

    /**
     * How a flow ended: what {@code POST /connect/complete} answers. {@code error} is a stable code
     * for a flow that did not connect (null when it did); {@code provider} is null when the state
     * named none (unknown, used or expired).
     */
    public record Outcome(int status, boolean connected, String provider, String error, String title, String message) {
        static Outcome connected(String provider, String title, String message) {
            return new Outcome(200, true, provider, null, title, message);
        }

        static Outcome failed(String provider, int status, String error, String title, String message) {
            return new Outcome(status, false, provider, error, title, message);
        }
    }
}
