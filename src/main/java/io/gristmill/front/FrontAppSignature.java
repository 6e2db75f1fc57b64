package io.gristmill.front;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Front application webhooks: {@code X-Front-Signature} is base64 HMAC-SHA256, keyed by the app
 * secret, of {@code "<X-Front-Request-Timestamp>:"} followed by the raw request bytes. It must be
 * computed over the exact bytes received — re-serialized JSON differs and fails — compared in
 * constant time, and the timestamp (epoch milliseconds) must be within the tolerance window.
 */
public final class FrontAppSignature {
    private FrontAppSignature() {
    }

    public static SignatureCheck verify(byte[] rawBody, String timestampHeader, String signatureHeader, String appSecret,
            Clock clock, Duration tolerance) {
        if (timestampHeader == null || signatureHeader == null || timestampHeader.isBlank() || signatureHeader.isBlank()) {
            return SignatureCheck.MISSING_HEADERS;
        }
        long millis;
        try {
            millis = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return SignatureCheck.MISMATCH;
        }
        byte[] prefix = (timestampHeader.trim() + ":").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[prefix.length + rawBody.length];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(rawBody, 0, message, prefix.length, rawBody.length);
        if (!matches(hmac("HmacSHA256", appSecret, message), signatureHeader)) {
            return SignatureCheck.MISMATCH;
        }
        Duration age = Duration.between(Instant.ofEpochMilli(millis), clock.instant()).abs();
        return age.compareTo(tolerance) > 0 ? SignatureCheck.STALE_TIMESTAMP : SignatureCheck.VERIFIED;
    }

    static byte[] hmac(String algorithm, String key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is always available", e);
        }
    }

    /** Constant-time comparison of the expected MAC with the header's base64 value. */
    static boolean matches(byte[] expected, String signatureHeader) {
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signatureHeader.trim());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return MessageDigest.isEqual(expected, given);
    }
}
