package io.gristmill.sandbox;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gristmill.sandbox.SandboxCompany.Person;

/**
 * The sandbox's OpenID provider, standing in for the issuer the API's JWT authorizer trusts in AWS
 * (Cognito, Auth0, Okta...): RS256-signed JWTs for the people of Northwind, handed out by the
 * authorization code flow with PKCE (S256 only) that the web app runs, and {@link #verify} checking
 * a presented token as API Gateway's JWT authorizer does: signature against the JWKS key, issuer,
 * audience, expiry. Codes are single use and live a minute.
 */
final class StandInIdentityProvider {
    static final String AUDIENCE = "gristmill";
    static final String CLIENT_ID = "gristmill-web";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String KEY_ID = "sandbox-1";

    private record PendingCode(Person person, String redirectUri, String challenge, String nonce, Instant until) {
    }

    private final String issuer;
    private final KeyPair keys;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, PendingCode> codes = new ConcurrentHashMap<>();

    StandInIdentityProvider(URI base, Clock clock) {
        this.issuer = base.resolve("/oidc").toString();
        this.clock = clock;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String issuer() {
        return issuer;
    }

    /** The discovery document ({@code /oidc/.well-known/openid-configuration}). */
    Map<String, Object> discovery() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("authorization_endpoint", issuer + "/authorize");
        document.put("token_endpoint", issuer + "/token");
        document.put("jwks_uri", issuer + "/jwks");
        document.put("response_types_supported", List.of("code"));
        document.put("grant_types_supported", List.of("authorization_code"));
        document.put("code_challenge_methods_supported", List.of("S256"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("token_endpoint_auth_methods_supported", List.of("none"));
        document.put("scopes_supported", List.of("openid", "profile", "email"));
        return document;
    }

    Map<String, Object> jwks() {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        return Map.of("keys", List.of(Map.of("kty", "RSA", "use", "sig", "alg", "RS256", "kid", KEY_ID,
                "n", B64.encodeToString(unsigned(key.getModulus())), "e", B64.encodeToString(unsigned(key.getPublicExponent())))));
    }

    /** A one-minute code for the person picked on the authorize page, bound to the client's PKCE challenge. */
    String issueCode(Person person, String redirectUri, String challenge, String nonce) {
        String code = token(24);
        codes.put(code, new PendingCode(person, redirectUri, challenge, nonce, clock.instant().plus(CODE_LIFETIME)));
        return code;
    }

    /** The token response for a code, or why it is refused (an OAuth error code). */
    Map<String, Object> exchange(String code, String redirectUri, String verifier, String clientId) {
        PendingCode pending = code == null ? null : codes.remove(code);
        if (pending == null || pending.until().isBefore(clock.instant())) {
            return Map.of("error", "invalid_grant", "error_description", "unknown, used or expired code");
        }
        if (!CLIENT_ID.equals(clientId) || !pending.redirectUri().equals(redirectUri)) {
            return Map.of("error", "invalid_grant", "error_description", "client_id or redirect_uri differ from the authorization request");
        }
        if (verifier == null || !pending.challenge().equals(B64.encodeToString(sha256(verifier)))) {
            return Map.of("error", "invalid_grant", "error_description", "code_verifier does not match the code_challenge");
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("access_token", tokenFor(pending.person(), null));
        response.put("id_token", tokenFor(pending.person(), pending.nonce()));
        response.put("token_type", "Bearer");
        response.put("expires_in", TOKEN_LIFETIME.toSeconds());
        return response;
    }

    /** A signed token for a person: what the web app receives, and what scripts get from {@code /sandbox/token}. */
    String tokenFor(Person person, String nonce) {
        Instant now = clock.instant();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", "sandbox|" + person.id());
        claims.put("aud", AUDIENCE);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(TOKEN_LIFETIME).getEpochSecond());
        claims.put("name", person.name());
        claims.put("email", person.email());
        claims.put("tenant_id", SandboxCompany.TENANT);
        claims.put("employee_id", person.id());
        claims.put("roles", person.admin() ? List.of("admin") : List.of("employee"));
        if (nonce != null) {
            claims.put("nonce", nonce);
            claims.put("azp", CLIENT_ID);
        }
        String signingInput = part(Map.of("alg", "RS256", "typ", "JWT", "kid", KEY_ID)) + "." + part(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The claims of a token API Gateway's JWT authorizer would accept (RS256 by our key, our issuer,
     * our audience, not expired), or empty: the caller gets 401.
     */
    Optional<JsonNode> verify(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            if (!"RS256".equals(header.path("alg").asText())) {
                return Optional.empty();
            }
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(keys.getPublic());
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            boolean fresh = claims.path("exp").asLong(0) > clock.instant().getEpochSecond();
            return issuer.equals(claims.path("iss").asText()) && AUDIENCE.equals(claims.path("aud").asText()) && fresh
                    ? Optional.of(claims) : Optional.empty();
        } catch (IllegalArgumentException | java.io.IOException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static String part(Map<String, Object> json) {
        try {
            return B64.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String token(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return B64.encodeToString(value);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
