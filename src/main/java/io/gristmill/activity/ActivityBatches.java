package io.gristmill.activity;

import static io.gristmill.aws.Table.PK;
import static io.gristmill.aws.Table.SK;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Stores many activities in batches: which of them are stored already is learnt with BatchGetItem
 * (100 keys a call, keys only), and only the others are written with BatchWriteItem (25 a call),
 * several calls in flight. A conditional put cannot be batched, and a blind overwrite would undo
 * what happened to a stored activity since (credit moved, a call's duration filled in), so the
 * read decides; the writer holds the tenant's sync lease, so nothing else writes these ids between
 * the read and the write. A write that applied but whose answer was lost is found by the next
 * run's read and counted once; an item rewritten anyway carries the same content, since an
 * activity's id is a function of the fact it records.
 */
final class ActivityBatches {
    private static final int GET_BATCH = 100;
    private static final int WRITE_BATCH = 25;
    /** Passes over what DynamoDB leaves unprocessed (throttling) before giving up. */
    private static final int MAX_PASSES = 8;
    /** Batch calls in flight at once. */
    private static final int PARALLEL_CALLS = 6;

    private final DynamoDbClient dynamo;
    private final String table;

    ActivityBatches(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** Stores the items not stored yet; returns how many that was. Items are keyed by PK + SK. */
    int storeNew(List<Map<String, AttributeValue>> items) {
        Map<AttributeValue, Map<String, AttributeValue>> byKey = new LinkedHashMap<>();
        items.forEach(item -> byKey.putIfAbsent(item.get(PK), item));
        List<List<Map<String, AttributeValue>>> lookups = chunks(new ArrayList<>(byKey.values()), GET_BATCH);
        Set<AttributeValue> stored = new HashSet<>();
        inParallel(lookups, this::storedAmong).forEach(stored::addAll);
        List<Map<String, AttributeValue>> fresh = byKey.values().stream().filter(item -> !stored.contains(item.get(PK))).toList();
        inParallel(chunks(fresh, WRITE_BATCH), this::put);
        return fresh.size();
    }

    /** The partition keys of those items that are stored already. */
    private Set<AttributeValue> storedAmong(List<Map<String, AttributeValue>> items) {
        List<Map<String, AttributeValue>> keys = items.stream().map(item -> Map.of(PK, item.get(PK), SK, item.get(SK))).toList();
        Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder().keys(keys)
                .projectionExpression("#pk").expressionAttributeNames(Map.of("#pk", PK)).consistentRead(true).build());
        Set<AttributeValue> stored = new HashSet<>();
        for (int pass = 0; !pending.isEmpty(); pass++) {
            giveUpAfter(pass, "reads");
            Map<String, KeysAndAttributes> request = pending;
            BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(request));
            response.responses().getOrDefault(table, List.of()).forEach(item -> stored.add(item.get(PK)));
            pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return stored;
    }

    private Void put(List<Map<String, AttributeValue>> items) {
        Map<String, List<WriteRequest>> pending = new HashMap<>();
        pending.put(table, items.stream().map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build()).toList());
        for (int pass = 0; !pending.isEmpty(); pass++) {
            giveUpAfter(pass, "writes");
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(request));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
        return null;
    }

    /** Pauses before a pass over unprocessed work (50 ms, doubling), or gives up after the last. */
    private static void giveUpAfter(int pass, String what) {
        if (pass == MAX_PASSES) {
            throw new IllegalStateException("DynamoDB kept activity " + what + " unprocessed after " + MAX_PASSES + " passes");
        }
        if (pass > 0) {
            try {
                Thread.sleep(Math.min(1600, 25L << pass));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while storing activity", e);
            }
        }
    }

    private static <T, R> List<R> inParallel(List<T> tasks, Function<T, R> call) {
        if (tasks.size() <= 1) {
            return tasks.stream().map(call).toList();
        }
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(PARALLEL_CALLS);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<R>> results = new ArrayList<>();
            for (T task : tasks) {
                inFlight.acquireUninterruptibly();
                results.add(executor.submit(() -> {
                    try {
                        return call.apply(task);
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            List<R> done = new ArrayList<>();
            for (Future<R> result : results) {
                done.add(result.get());
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while storing activity", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    private static <T> List<List<T>> chunks(List<T> all, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            chunks.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return chunks;
    }
}
