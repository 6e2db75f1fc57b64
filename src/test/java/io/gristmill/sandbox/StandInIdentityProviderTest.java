package io.gristmill.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gristmill.testing.MutableClock;

/**
 * The sandbox's OpenID provider hands out tokens only through code + PKCE, and its verification
 * refuses what API Gateway's JWT authorizer refuses: another signature, issuer or audience, an
 * expired token, a tampered claim.
 */
class StandInIdentityProviderTest {
    private static final URI BASE = URI.create("http://localhost:8088");
    private static final String REDIRECT = BASE + "/";
    private static final String VERIFIER = "a-verifier-of-at-least-forty-three-characters-0123456789";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T09:00:00Z"));
    private final StandInIdentityProvider provider = new StandInIdentityProvider(BASE, clock);

    private static String challenge(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private String code() throws Exception {
        return provider.issueCode(SandboxCompany.RAVI, REDIRECT, challenge(VERIFIER), "n-1");
    }

    @Test
    void a_code_with_its_pkce_verifier_gives_tokens_with_the_claims_the_api_reads() throws Exception {
        Map<String, Object> tokens = provider.exchange(code(), REDIRECT, VERIFIER, StandInIdentityProvider.CLIENT_ID);

        var claims = provider.verify((String) tokens.get("access_token")).orElseThrow();
        assertThat(claims.path("employee_id").asText()).isEqualTo("emp-ravi");
        assertThat(claims.path("tenant_id").asText()).isEqualTo(SandboxCompany.TENANT);
        assertThat(claims.path("roles").toString()).isEqualTo("[\"employee\"]");
        assertThat(provider.verify((String) tokens.get("id_token")).orElseThrow().path("nonce").asText()).isEqualTo("n-1");
    }

    @Test
    void a_wrong_verifier_a_used_or_expired_code_and_another_client_or_redirect_are_refused() throws Exception {
        assertThat(provider.exchange(code(), REDIRECT, VERIFIER + "x", StandInIdentityProvider.CLIENT_ID)).containsEntry("error", "invalid_grant");
        assertThat(provider.exchange(code(), REDIRECT + "other", VERIFIER, StandInIdentityProvider.CLIENT_ID)).containsEntry("error", "invalid_grant");
        assertThat(provider.exchange(code(), REDIRECT, VERIFIER, "another-client")).containsEntry("error", "invalid_grant");

        String once = code();
        assertThat(provider.exchange(once, REDIRECT, VERIFIER, StandInIdentityProvider.CLIENT_ID)).containsKey("access_token");
        assertThat(provider.exchange(once, REDIRECT, VERIFIER, StandInIdentityProvider.CLIENT_ID)).as("single use").containsEntry("error", "invalid_grant");

        String late = code();
        clock.advance(Duration.ofMinutes(2));
        assertThat(provider.exchange(late, REDIRECT, VERIFIER, StandInIdentityProvider.CLIENT_ID)).as("a minute to use it")
                .containsEntry("error", "invalid_grant");
    }

    @Test
    void verification_refuses_a_tampered_claim_another_key_and_an_expired_token() throws Exception {
        String token = provider.tokenFor(SandboxCompany.RAVI, null);
        assertThat(provider.verify(token)).isPresent();

        String[] parts = token.split("\\.");
        String adminClaims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("[\"employee\"]", "[\"admin\"]");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(adminClaims.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertThat(provider.verify(tampered)).as("a claim changed after signing").isEmpty();

        StandInIdentityProvider other = new StandInIdentityProvider(BASE, clock);
        assertThat(provider.verify(other.tokenFor(SandboxCompany.RAVI, null))).as("same issuer and audience, another key").isEmpty();
        assertThat(provider.verify(new StandInIdentityProvider(URI.create("http://localhost:9999"), clock).tokenFor(SandboxCompany.RAVI, null)))
                .isEmpty();
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        assertThat(provider.verify(unsigned)).as("alg none").isEmpty();
        assertThat(provider.verify("not-a-jwt")).isEmpty();

        clock.advance(Duration.ofHours(1));
        assertThat(provider.verify(token)).as("expired").isEmpty();
    }
}
