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
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.config.GristmillConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Short exclusive leases ({@code T#t / LEASE#name}) so that only one invocation at a time does a
 * piece of work for a tenant (refresh its tokens, poll it). A lease ends when released or when it
 * expires, so a crashed holder blocks others for at most its duration.
 */
@ApplicationScoped
public class LeaseStore {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    /** A held lease; pass it to {@link #release}. */
    public record Lease(String tenantId, String name, String holder, Instant expiresAt) {
    }

    public LeaseStore(DynamoDbClient dynamo, GristmillConfig config, Clock clock) {
        this.dynamo = dynamo;
        this.table = config.table();
        this.clock = clock;
    }

    public Optional<Lease> tryAcquire(String tenantId, String name, Duration duration) {
        Instant now = clock.instant();
        Instant until = now.plus(duration);
        String holder = UUID.randomUUID().toString();
        Map<String, AttributeValue> item = new HashMap<>(Table.key(tenantKey(tenantId), "LEASE#" + name));
        item.put("type", s("lease"));
        item.put("holder", s(holder));
        item.put("expiresAtMillis", n(until.toEpochMilli()));
        item.put(EXPIRES_AT, n(until.getEpochSecond() + 1));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#pk) OR expiresAtMillis <= :now")
                    .expressionAttributeNames(Map.of("#pk", Table.PK))
                    .expressionAttributeValues(Map.of(":now", n(now.toEpochMilli()))));
            return Optional.of(new Lease(tenantId, name, holder, until));
        } catch (ConditionalCheckFailedException heldByAnother) {
            return Optional.empty();
        }
    }

    public void release(Lease lease) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(Table.key(tenantKey(lease.tenantId()), "LEASE#" + lease.name()))
                    .conditionExpression("holder = :me")
                    .expressionAttributeValues(Map.of(":me", s(lease.holder()))));
        } catch (ConditionalCheckFailedException expiredAndTaken) {
            // someone else holds it now: theirs to release
        }
    }
}
