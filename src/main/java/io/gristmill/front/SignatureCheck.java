package io.gristmill.front;

/** The outcome of checking a webhook's signature. */
public enum SignatureCheck {
    VERIFIED,
    /** A signature or timestamp header is absent. */
    MISSING_HEADERS,
    /** The signature does not match the raw body (wrong key, tampered or re-serialized body). */
    MISMATCH,
    /** The timestamp is outside the tolerance window (a replay, or a badly wrong clock). */
    STALE_TIMESTAMP
}
