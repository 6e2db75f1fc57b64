package io.gristmill.aws;

import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A condition another item must still meet for an activity write to apply: what a cached read
 * assumed (the connection is connected, the settings and the credited employee are as read). It is
 * checked in the same transaction as the write, so a cache can save the reads without ever
 * writing on a stale assumption.
 *
 * @param what      says which assumption broke, for the caller to read afresh
 * @param condition a DynamoDB condition expression on the item at {@code pk}/{@code sk}
 */
public record Guard(String what, String pk, String sk, String condition, Map<String, String> names, Map<String, AttributeValue> values) {

    /** The item must not exist (the cached read found none). */
    public static Guard absent(String what, String pk, String sk) {
        return new Guard(what, pk, sk, "attribute_not_exists(#pk)", Map.of("#pk", Table.PK), Map.of());
    }

    /** The item must exist with {@code attribute} equal to {@code value}. */
    public static Guard equal(String what, String pk, String sk, String attribute, AttributeValue value) {
        return new Guard(what, pk, sk, "#a = :v", Map.of("#a", attribute), Map.of(":v", value));
    }
}
