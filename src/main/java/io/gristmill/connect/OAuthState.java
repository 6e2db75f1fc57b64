package io.gristmill.connect;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * A pending OAuth authorization: the {@code state} sent to the provider and what the completion
 * needs to finish it. Bound to the tenant and the admin who started it.
 *
 * @param codeVerifier  the PKCE verifier (kept server-side; never logged)
 * @param adminSubject  who started the flow: only they, in {@code tenantId}, may finish it, so that
 *                      a state started by someone else (another tenant's admin who sends a victim
 *                      the authorize link) cannot connect the victim's org to the starter's tenant
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
