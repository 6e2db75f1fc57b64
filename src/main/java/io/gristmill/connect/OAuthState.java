package io.gristmill.connect;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * A pending OAuth authorization: the {@code state} sent to the provider and what the callback
 * needs to finish it. Bound to the tenant and the admin who started it.
 *
 * @param codeVerifier    the PKCE verifier (kept server-side; never logged)
 * @param browserBinding  SHA-256 of the cookie value given to the browser that started the flow:
 *                        the callback must come from that browser, so that a state started by
 *                        someone else (another tenant's admin) cannot be completed here
 */
public record OAuthState(String state, String provider, String tenantId, String adminSubject, String codeVerifier,
        String loginHost, String browserBinding, Instant createdAt) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** 256 random bits, URL-safe: unguessable state values and PKCE verifiers. */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Hex SHA-256, for storing a browser binding cookie without storing the cookie itself. */
    public static String hash(String value) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "OAuthState[provider=" + provider + ", tenantId=" + tenantId + ", adminSubject=" + adminSubject
                + ", loginHost=" + loginHost + ", createdAt=" + createdAt + "]";
    }
}
