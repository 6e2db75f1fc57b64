package io.gristmill.connect;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/** What every provider's OAuth connect flow shares: how it starts, how its callback ends, and the browser-binding cookie. */
public final class OAuthFlow {
    /** The cookie that binds a callback to the browser that started the flow. */
    public static final String BINDING_COOKIE = "gristmill_oauth";

    private OAuthFlow() {
    }

    /** What the admin's app gets to start the flow. */
    public record Started(URI authorizeUrl, Instant expiresAt, String browserBinding) {
    }

    /** What the admin's app is answered: where to send the browser, and until when the flow may finish. */
    public record Authorize(String authorizeUrl, Instant expiresAt) {
        static Authorize of(Started started) {
            return new Authorize(started.authorizeUrl().toString(), started.expiresAt());
        }
    }

    /** What the callback page shows. */
    public record Outcome(int status, boolean connected, String title, String message) {
    }

    /** The binding cookie for a started flow, scoped to its callback and living exactly as long as the flow's state. */
    public static String bindingCookie(String callbackPath, Started started, Instant now) {
        long seconds = Math.max(0, Duration.between(now, started.expiresAt()).toSeconds());
        return BINDING_COOKIE + "=" + started.browserBinding() + "; Path=" + callbackPath + "; Max-Age=" + seconds
                + "; HttpOnly; Secure; SameSite=Lax";
    }

    /** Removes the binding cookie once its callback has been answered. */
    public static String clearedBindingCookie(String callbackPath) {
        return BINDING_COOKIE + "=; Path=" + callbackPath + "; Max-Age=0; HttpOnly; Secure; SameSite=Lax";
    }
}
