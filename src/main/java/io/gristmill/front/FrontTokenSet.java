package io.gristmill.front;

import java.time.Instant;

/** Tokens from Front's token endpoint. {@link #toString()} never shows them. */
public record FrontTokenSet(String accessToken, String refreshToken, Instant expiresAt) {
    @Override
    public String toString() {
        return "FrontTokenSet[expiresAt=" + expiresAt + "]";
    }
}
