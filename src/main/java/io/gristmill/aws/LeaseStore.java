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
 * expires, so a crashed holder blocks others for at most its duration; long work keeps a short
 * lease alive ({@link #keepAlive}) instead of taking a long one.
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
            // A retried put whose first attempt did apply (its answer was lost) also lands here:
            // then the holder is us, and the lease is ours rather than blocked until it expires.
            Map<String, AttributeValue> current = dynamo.getItem(b -> b.tableName(table)
                    .key(Table.key(tenantKey(tenantId), "LEASE#" + name)).consistentRead(true)).item();
            boolean ours = current != null && current.containsKey("holder") && holder.equals(current.get("holder").s());
            return ours ? Optional.of(new Lease(tenantId, name, holder, until)) : Optional.empty();
        }
    }

    /**
     * Gives the lease back. Tried a few times: a release lost to a DynamoDB hiccup would block the
     * tenant's next run until the lease expires.
     */
    public void release(Lease lease) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.deleteItem(b -> b.tableName(table).key(Table.key(tenantKey(lease.tenantId()), "LEASE#" + lease.name()))
                        .conditionExpression("holder = :me")
                        .expressionAttributeValues(Map.of(":me", s(lease.holder()))));
                return;
            } catch (ConditionalCheckFailedException expiredAndTaken) {
                return; // someone else holds it now: theirs to release
            } catch (software.amazon.awssdk.core.exception.SdkException failed) {
                if (attempt == RELEASE_ATTEMPTS) {
                    LOG.warnf("Lease %s of tenant %s not released (%s); it expires by %s", lease.name(), lease.tenantId(),
                            failed.getClass().getSimpleName(), lease.expiresAt());
                    return;
                }
                pause(100L * attempt);
            }
        }
    }

    /**
     * Keeps a lease alive while its work runs: renews it to {@code length} from now every
     * {@code length / 3}, so a holder that dies (a killed function) blocks the next run for at most
     * {@code length}, however long a live holder works. Close it before releasing.
     */
    public AutoCloseable keepAlive(Lease lease, Duration length) {
        Thread renewer = Thread.ofVirtual().name("lease-" + lease.name()).start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(length.dividedBy(3).toMillis());
                } catch (InterruptedException stopped) {
                    return;
                }
                if (!renew(lease, length)) {
                    LOG.warnf("Lease %s of tenant %s was lost: another run may start", lease.name(), lease.tenantId());
                    return;
                }
            }
        });
        return renewer::interrupt;
    }

    private boolean renew(Lease lease, Duration length) {
        Instant until = clock.instant().plus(length);
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Table.key(tenantKey(lease.tenantId()), "LEASE#" + lease.name()))
                    .updateExpression("SET expiresAtMillis = :until, #ttl = :ttl")
                    .conditionExpression("holder = :me")
                    .expressionAttributeNames(Map.of("#ttl", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":until", n(until.toEpochMilli()), ":ttl", n(until.getEpochSecond() + 1),
                            ":me", s(lease.holder()))));
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        } catch (software.amazon.awssdk.core.exception.SdkException failed) {
            return true; // the next renewal tries again; the lease still has two thirds of its length
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final int RELEASE_ATTEMPTS = 4;
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(LeaseStore.class);
}
