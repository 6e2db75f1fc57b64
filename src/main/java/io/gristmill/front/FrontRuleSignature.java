package io.gristmill.front;

/**
 * Front rule webhooks ("Send to a webhook"): {@code X-Front-Signature} is base64 HMAC-SHA1, keyed
 * by the company's API secret, of the raw request bytes. No timestamp, no challenge.
 */
public final class FrontRuleSignature {
    private FrontRuleSignature() {
    }

    public static SignatureCheck verify(byte[] rawBody, String signatureHeader, String apiSecret) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            return SignatureCheck.MISSING_HEADERS;
        }
        return FrontAppSignature.matches(FrontAppSignature.hmac("HmacSHA1", apiSecret, rawBody), signatureHeader)
                ? SignatureCheck.VERIFIED
                : SignatureCheck.MISMATCH;
    }
}
