package io.gristmill.sync;

import static io.gristmill.aws.Table.s;
import static io.gristmill.aws.Table.str;
import static io.gristmill.aws.Table.tenantKey;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.aws.Table;
import io.gristmill.config.GristmillConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Sync cursors, one item per tenant, provider and object ({@code T#t / CURSOR#provider#object}).
 * A cursor moves by compare-and-set from the position its writer read, and only forward: a slow
 * poller that lost a race can never move it back over rows another poller already passed.
 */
@ApplicationScoped
public class SyncCursorStore {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public SyncCursorStore(DynamoDbClient dynamo, GristmillConfig config, Clock clock) {
        this.dynamo = dynamo;
        this.table = config.table();
        this.clock = clock;
    }

    public Optional<SyncCursor> get(String tenantId, String provider, String object) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Table.key(tenantKey(tenantId), sortKey(provider, object))).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SyncCursor(Instant.parse(str(item, "position")), Instant.parse(str(item, "updatedAt"))));
    }

    /** Every cursor of the provider, by object, in one consistent Query (a poll reads them all at once). */
    public Map<String, SyncCursor> all(String tenantId, String provider) {
        Map<String, SyncCursor> all = new HashMap<>();
        String prefix = sortKey(provider, "");
        dynamo.queryPaginator(b -> Table.withPrefix(b, table, tenantKey(tenantId), prefix).consistentRead(true)).items()
                .forEach(item -> all.put(str(item, Table.SK).substring(prefix.length()),
                        new SyncCursor(Instant.parse(str(item, "position")), Instant.parse(str(item, "updatedAt")))));
        return all;
    }

    /** The position of the provider's cursor that is furthest behind (empty: none set yet): how far behind now the sync is. */
    public Optional<Instant> furthestBehind(String tenantId, String provider) {
        return all(tenantId, provider).values().stream().map(SyncCursor::position).min(java.util.Comparator.naturalOrder());
    }

    /**
     * Moves the cursor from {@code expected} (empty: it has never been set) to {@code to}.
     * Returns false, changing nothing, when the cursor is no longer at {@code expected} or
     * {@code to} is not after it.
     */
    public boolean advance(String tenantId, String provider, String object, Optional<Instant> expected, Instant to) {
        if (expected.isPresent() && !to.isAfter(expected.get())) {
            return false;
        }
        Map<String, AttributeValue> item = new HashMap<>(Table.key(tenantKey(tenantId), sortKey(provider, object)));
        item.put("type", s("cursor"));
        // Sortable form: the condition below compares positions as strings.
        item.put("position", s(Table.sortable(to)));
        item.put("updatedAt", s(clock.instant().toString()));
        Map<String, AttributeValue> values = new HashMap<>();
        String condition;
        if (expected.isPresent()) {
            condition = "#position = :expected";
            values.put(":expected", s(Table.sortable(expected.get())));
        } else {
            condition = "attribute_not_exists(#pk)";
        }
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression(condition)
                    .expressionAttributeNames(expected.isPresent() ? Map.of("#position", "position") : Map.of("#pk", Table.PK))
                    .expressionAttributeValues(values.isEmpty() ? null : values));
            return true;
        } catch (ConditionalCheckFailedException movedByAnother) {
            return false;
        }
    }

    private static String sortKey(String provider, String object) {
        return "CURSOR#" + provider + "#" + object;
    }
}
