package io.gristmill.testing;

import static io.gristmill.testing.HttpApiEvent.request;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Front app webhooks as Front sends them, for tests and benchmarks: the envelope around an event,
 * and {@code X-Front-Signature} = base64 HMAC-SHA256 of {@code "<timestamp>:" + body} with the
 * simulated app's secret.
 */
public final class FrontWebhookSigner {
    private FrontWebhookSigner() {
    }

    /**
     * A new tenant with the simulated Front company connected by an API token, as a test of the
     * webhook function needs it (the connection record, the ownership, the secret).
     */
    public static String connectedTenant(io.gristmill.connection.ConnectionStore connections, io.gristmill.aws.TokenVault vault,
            SimulatedFront front) {
        String tenant = Ids.tenant();
        connections.claimAccount(tenant, "front", front.company());
        connections.connected(tenant, "front", front.company(), null, null, null, "auth0|admin");
        vault.create(tenant, "front", java.util.Map.of("auth", "api_token", "access_token", front.issueApiToken()));
        return tenant;
    }

    /** An app webhook envelope around a copy of {@code template} (an event JSON) with another event id. */
    public static String envelope(String template, String templateId, String company, String eventId) {
        return "{\"type\":\"outbound_sent\",\"authorization\":{\"id\":\"" + company + "\"},\"payload\":"
                + template.replace(templateId, eventId) + "}";
    }

    /** {@code POST /webhooks/front} with the body signed now (or unsigned). */
    public static HttpApiEvent appWebhook(String body, boolean signed) {
        HttpApiEvent event = request("POST", "/webhooks/front").withoutAuthorizer().header("Content-Type", "application/json");
        if (signed) {
            String timestamp = Long.toString(System.currentTimeMillis());
            event.header("X-Front-Request-Timestamp", timestamp).header("X-Front-Signature", sign(timestamp + ":" + body));
        }
        return event.body(body);
    }

    /** A rule webhook's {@code X-Front-Signature}: base64 HMAC-SHA1 of the body with the tenant's API secret. */
    public static String ruleSignature(String secret, String body) {
        return hmac("HmacSHA1", secret, body);
    }

    /** An app webhook's {@code X-Front-Signature}: base64 HMAC-SHA256 of {@code "<timestamp>:" + body} with the app secret. */
    public static String appSignature(String appSecret, String timestamp, String body) {
        return hmac("HmacSHA256", appSecret, timestamp + ":" + body);
    }

    private static String sign(String message) {
        return hmac("HmacSHA256", SimulatedFront.APP_SECRET, message);
    }

    private static String hmac(String algorithm, String key, String message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
