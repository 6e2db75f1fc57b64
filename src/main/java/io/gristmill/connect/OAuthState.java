package io.gristmill.connect;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * A pending OAuth authorization: the {@code state} sent to the provider and what the callback
 * needs to finish it. Bound to the tenant and the admin who started it.
 *
 * @param codeVerifier the PKCE verifier (kept server-side; never logged)
 */
public record OAuthState(String state, String provider, String tenantId, String adminSubject, String codeVerifier,
        String loginHost, Instant createdAt) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** 256 random bits, URL-safe: unguessable state values and PKCE verifiers. */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "OAuthState[provider=" + provider + ", tenantId=" + tenantId + ", adminSubject=" + adminSubject
                + ", loginHost=" + loginHost + ", createdAt=" + createdAt + "]";
    }
}
