package io.gristmill.aws;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Names and encodings of the single Gristmill table. The key schema itself lives once, in
 * {@code template.yaml}; {@link TableSchema} reads it from there for tests and the sandbox.
 */
public final class Table {
    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String GSI1 = "GSI1";
    public static final String GSI1PK = "GSI1PK";
    public static final String GSI1SK = "GSI1SK";
    public static final String GSI2 = "GSI2";
    public static final String GSI2PK = "GSI2PK";
    public static final String GSI2SK = "GSI2SK";
    /** Epoch seconds after which DynamoDB's TTL deletes the item. */
    public static final String EXPIRES_AT = "expiresAt";

    /** Fixed-width UTC timestamps, so that string order is time order in sort keys. */
    private static final DateTimeFormatter SORTABLE_INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Table() {
    }

    public static String sortable(Instant instant) {
        return SORTABLE_INSTANT.format(instant);
    }

    public static String tenantKey(String tenantId) {
        return "T#" + tenantId;
    }

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    /** The items of partition {@code pk} whose sort key starts with {@code skPrefix}: a Query to page through or limit. */
    public static QueryRequest.Builder withPrefix(QueryRequest.Builder query, String table, String pk, String skPrefix) {
        return query.tableName(table).keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", s(pk), ":prefix", s(skPrefix)));
    }

    /** The string value of an attribute, or null when the item does not have it. */
    public static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
