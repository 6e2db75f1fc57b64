package io.gristmill.aws;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.config.GristmillConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Deletes many items: whatever a query finds, 25 keys per BatchWriteItem, with what DynamoDB
 * leaves unprocessed (throttling) sent again after a short, growing pause. Deleting an item that is
 * gone already is harmless, so an interrupted run is simply run again.
 */
@ApplicationScoped
public class BatchDeleter {
    private static final int BATCH = 25;
    private static final int MAX_PASSES = 8;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public BatchDeleter(DynamoDbClient dynamo, GristmillConfig config, Clock clock) {
        this.dynamo = dynamo;
        this.table = config.table();
        this.clock = clock;
    }

    /** What a run got through: items deleted, and whether it finished before its deadline. */
    public record Deleted(int items, boolean finished) {
        public Deleted plus(Deleted other) {
            return new Deleted(items + other.items, finished && other.finished);
        }
    }

    /**
     * Deletes every item a query returns (on the table or an index; only the table's keys are
     * used). Stops at {@code deadline} with {@code finished = false}.
     */
    public Deleted deleteQueried(QueryRequest query, Instant deadline) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        int deleted = 0;
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(query).items()) {
            keys.add(Map.of(Table.PK, item.get(Table.PK), Table.SK, item.get(Table.SK)));
            if (keys.size() == BATCH) {
                if (clock.instant().isAfter(deadline)) {
                    return new Deleted(deleted, false);
                }
                deleted += delete(keys);
                keys.clear();
            }
        }
        if (!keys.isEmpty()) {
            if (clock.instant().isAfter(deadline)) {
                return new Deleted(deleted, false);
            }
            deleted += delete(keys);
        }
        return new Deleted(deleted, true);
    }

    /** Deletes up to 25 keys; returns how many. */
    public int delete(List<Map<String, AttributeValue>> keys) {
        Map<String, List<WriteRequest>> pending = new HashMap<>();
        pending.put(table, keys.stream().map(key -> WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build())
                .toList());
        for (int pass = 0; pass < MAX_PASSES && !pending.isEmpty(); pass++) {
            if (pass > 0) {
                pause(50L << pass);
            }
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(request));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException("DynamoDB kept " + pending.values().stream().mapToInt(List::size).sum()
                    + " deletes unprocessed; run the erasure again");
        }
        return keys.size();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while deleting");
        }
    }
}
