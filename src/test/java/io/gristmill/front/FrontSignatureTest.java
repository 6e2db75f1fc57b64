package io.gristmill.front;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** Fixed vectors (computed independently with Python's hmac module) for both Front schemes. */
class FrontSignatureTest {
    private static final byte[] BODY = "{\"type\":\"inbound_received\",\"authorization\":{\"id\":\"cmp_1a2b\"},\"payload\":{\"id\":\"evt_1\"}}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String TIMESTAMP = "1763830000123";
    private static final String APP_SIGNATURE = "6voNMg+FlErSw2Wo3i78eWQVx/byj9y1NImof3ISklI=";
    private static final String RULE_SIGNATURE = "xgb2BqEz4y1WADdpajA1lqhfSUI=";
    private static final Clock AT_TIMESTAMP = Clock.fixed(Instant.ofEpochMilli(1763830000123L).plusSeconds(30), ZoneOffset.UTC);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @Test
    void a_valid_app_signature_verifies() {
        assertThat(FrontAppSignature.verify(BODY, TIMESTAMP, APP_SIGNATURE, "app-secret-123", AT_TIMESTAMP, FIVE_MINUTES))
                .isEqualTo(SignatureCheck.VERIFIED);
    }

    @Test
    void a_tampered_byte_breaks_the_app_signature() {
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 3] = '2';
        assertThat(FrontAppSignature.verify(tampered, TIMESTAMP, APP_SIGNATURE, "app-secret-123", AT_TIMESTAMP, FIVE_MINUTES))
                .isEqualTo(SignatureCheck.MISMATCH);
    }

    @Test
    void reserializing_the_body_breaks_the_signature() {
        byte[] reserialized = "{\"type\": \"inbound_received\", \"authorization\": {\"id\": \"cmp_1a2b\"}, \"payload\": {\"id\": \"evt_1\"}}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(FrontAppSignature.verify(reserialized, TIMESTAMP, APP_SIGNATURE, "app-secret-123", AT_TIMESTAMP, FIVE_MINUTES))
                .isEqualTo(SignatureCheck.MISMATCH);
    }

    @Test
    void the_wrong_key_or_another_timestamp_breaks_the_app_signature() {
        assertThat(FrontAppSignature.verify(BODY, TIMESTAMP, APP_SIGNATURE, "another-secret", AT_TIMESTAMP, FIVE_MINUTES))
                .isEqualTo(SignatureCheck.MISMATCH);
        assertThat(FrontAppSignature.verify(BODY, "1763830000124", APP_SIGNATURE, "app-secret-123", AT_TIMESTAMP, FIVE_MINUTES))
                .isEqualTo(SignatureCheck.MISMATCH);
    }

    @Test
    void an_old_timestamp_is_refused_even_with_a_valid_signature() {
        Clock later = Clock.offset(AT_TIMESTAMP, Duration.ofMinutes(6));
        assertThat(FrontAppSignature.verify(BODY, TIMESTAMP, APP_SIGNATURE, "app-secret-123", later, FIVE_MINUTES))
                .isEqualTo(SignatureCheck.STALE_TIMESTAMP);
    }

    @Test
    void missing_headers_and_garbage_are_refused() {
        assertThat(FrontAppSignature.verify(BODY, null, APP_SIGNATURE, "app-secret-123", AT_TIMESTAMP, FIVE_MINUTES))
                .isEqualTo(SignatureCheck.MISSING_HEADERS);
        assertThat(FrontAppSignature.verify(BODY, TIMESTAMP, "", "app-secret-123", AT_TIMESTAMP, FIVE_MINUTES))
                .isEqualTo(SignatureCheck.MISSING_HEADERS);
        assertThat(FrontAppSignature.verify(BODY, TIMESTAMP, "not base64 !!", "app-secret-123", AT_TIMESTAMP, FIVE_MINUTES))
                .isEqualTo(SignatureCheck.MISMATCH);
        assertThat(FrontAppSignature.verify(BODY, "yesterday", APP_SIGNATURE, "app-secret-123", AT_TIMESTAMP, FIVE_MINUTES))
                .isEqualTo(SignatureCheck.MISMATCH);
    }

    @Test
    void rule_webhooks_use_hmac_sha1_over_the_raw_body() {
        assertThat(FrontRuleSignature.verify(BODY, RULE_SIGNATURE, "api-secret-456")).isEqualTo(SignatureCheck.VERIFIED);
        assertThat(FrontRuleSignature.verify(BODY, RULE_SIGNATURE, "app-secret-123")).isEqualTo(SignatureCheck.MISMATCH);
        assertThat(FrontRuleSignature.verify(BODY, null, "api-secret-456")).isEqualTo(SignatureCheck.MISSING_HEADERS);
        byte[] tampered = BODY.clone();
        tampered[2] = 'T';
        assertThat(FrontRuleSignature.verify(tampered, RULE_SIGNATURE, "api-secret-456")).isEqualTo(SignatureCheck.MISMATCH);
    }
}
