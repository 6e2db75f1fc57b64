package io.gristmill.aws;

import static io.gristmill.aws.Table.EXPIRES_AT;
import static io.gristmill.aws.Table.n;
import static io.gristmill.aws.Table.s;
import static io.gristmill.aws.Table.tenantKey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.config.GristmillConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Remembers for a while that something happened once, e.g. that a webhook event id was received,
 * so that a redelivery (or a concurrent duplicate) is recognized. One item per key
 * ({@code T#t#ONCE / scope#key}: one partition per tenant, so that erasing a tenant finds them)
 * that DynamoDB's TTL removes after {@code ttl}. TTL deletes lazily (up to days late), so an item
 * past its expiry counts as absent.
 */
@ApplicationScoped
public class OnceLedger {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public OnceLedger(DynamoDbClient dynamo, GristmillConfig config, Clock clock) {
        this.dynamo = dynamo;
        this.table = config.table();
        this.clock = clock;
    }

    /** The partition of a tenant's ledger. */
    public static String partition(String tenantId) {
        return tenantKey(tenantId) + "#ONCE";
    }

    /**
     * Records {@code key} in {@code scope}; true only for the first caller within {@code ttl}.
     *
     * @param outcome a short note stored with the record (e.g. {@code stored}, {@code ignored:unknown_type})
     */
    public boolean firstTime(String tenantId, String scope, String key, Duration ttl, String outcome) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = new HashMap<>(Table.key(partition(tenantId), scope + "#" + key));
        item.put("type", s("once"));
        item.put("firstSeenAt", s(now.toString()));
        item.put("outcome", s(outcome));
        item.put(EXPIRES_AT, n(now.plus(ttl).getEpochSecond()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#pk) OR #expires <= :now")
                    .expressionAttributeNames(Map.of("#pk", Table.PK, "#expires", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException seenBefore) {
            return false;
        }
    }
}
