package io.gristmill.activity;

import java.time.Instant;

/**
 * How long a tenant keeps activity and recaps: each item carries its expiry (DynamoDB's TTL
 * attribute {@code expiresAt}) from the moment it is written, and the months it was computed
 * with, so that a changed setting can be applied to what is stored.
 */
public interface RetentionPolicy {

    /** The tenant's retention in months. */
    int months(String tenantId);

    /** When an item about something that happened at {@code basis} expires (epoch seconds). */
    default long expiresAt(String tenantId, Instant basis) {
        return basis.atZone(java.time.ZoneOffset.UTC).plusMonths(months(tenantId)).toEpochSecond();
    }
}
