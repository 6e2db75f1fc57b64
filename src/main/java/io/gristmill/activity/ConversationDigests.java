package io.gristmill.activity;

import static io.gristmill.aws.Table.EXPIRES_AT;
import static io.gristmill.aws.Table.PK;
import static io.gristmill.aws.Table.SK;
import static io.gristmill.aws.Table.s;
import static io.gristmill.aws.Table.tenantKey;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.aws.BatchDeleter;
import io.gristmill.config.GristmillConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * One item per Front conversation ({@code T#t#DIG#conversation}) holding what recaps measure the
 * conversation by (see {@link DigestEntries}), written with the activity itself, so that a recap
 * reads the conversations an employee worked on with one BatchGetItem instead of one Query each.
 * A tenant's digests are trusted once they are known to be complete (every stored activity is in
 * its digest: new tenants at once, older ones after {@code ConversationDigestBackfill}); until
 * then, and for a conversation too big for one item (it is marked {@code overflow}), recaps read
 * the stored history as before.
 */
@ApplicationScoped
public class ConversationDigests {
    /** Marks an activity item whose entry is in its digest (what the backfill skips). */
    static final String DIGESTED = "digested";
    private static final String OVERFLOW = "overflow";
    private static final String COMPLETE_SK = "DIGESTS";
    private static final int GET_BATCH = 100;
    private static final int MAX_PASSES = 8;

    private final DynamoDbClient dynamo;
    private final String table;
    private final RetentionPolicy retention;
    private final Clock clock;
    private final BatchDeleter deleter;
    /** Once complete, a tenant's digests stay complete: ingest keeps them so. */
    private final Set<String> completeTenants = ConcurrentHashMap.newKeySet();

    public ConversationDigests(DynamoDbClient dynamo, GristmillConfig config, RetentionPolicy retention, Clock clock, BatchDeleter deleter) {
        this.deleter = deleter;
        this.dynamo = dynamo;
        this.table = config.table();
        this.retention = retention;
        this.clock = clock;
    }

    /** What a recap reads of conversations: their digested history, and those it must read in full. */
    public record Read(Map<String, List<Activity>> histories, Set<String> overflowed) {
    }

    static Map<String, AttributeValue> key(String tenantId, String conversationId) {
        return Map.of(PK, s(tenantKey(tenantId) + "#DIG#" + conversationId), SK, s("DIG"));
    }

    /**
     * Adds an activity's entry (idempotent); refused when the digest overflowed. The digest lives
     * for the tenant's retention after its latest write; entries older than that are not read.
     */
    Update update(Activity a) {
        return Update.builder().tableName(table).key(key(a.tenantId(), a.sourceRecordId()))
                .updateExpression("SET #entry = :entry, #expires = :expires")
                .conditionExpression("attribute_not_exists(#overflow)")
                .expressionAttributeNames(Map.of("#entry", DigestEntries.attributeName(a.id()), "#expires", EXPIRES_AT, "#overflow", OVERFLOW))
                .expressionAttributeValues(Map.of(":entry", DigestEntries.entry(a),
                        ":expires", AttributeValue.fromN(Long.toString(retention.expiresAt(a.tenantId(), clock.instant())))))
                .build();
    }

    /** Adds an activity's entry outside a transaction (the backfill). */
    void remember(Activity a) {
        Update update = update(a);
        try {
            dynamo.updateItem(b -> b.tableName(table).key(update.key()).updateExpression(update.updateExpression())
                    .conditionExpression(update.conditionExpression()).expressionAttributeNames(update.expressionAttributeNames())
                    .expressionAttributeValues(update.expressionAttributeValues()));
        } catch (ConditionalCheckFailedException overflowedBefore) {
            // the conversation is read in full
        } catch (DynamoDbException e) {
            if (!tooLarge(e.getMessage())) {
                throw e;
            }
            overflow(a.tenantId(), a.sourceRecordId());
        }
    }

    /** Replaces a digest that outgrew one item by a mark: the conversation's history is then read in full. */
    void overflow(String tenantId, String conversationId) {
        Map<String, AttributeValue> item = new HashMap<>(key(tenantId, conversationId));
        item.put(OVERFLOW, AttributeValue.fromBool(true));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /** Whether DynamoDB refused a write because the item would exceed 400 KB. */
    static boolean tooLarge(String refusal) {
        String message = String.valueOf(refusal).toLowerCase(java.util.Locale.ROOT);
        return message.contains("item size") || message.contains("maximum allowed size");
    }

    /** Whether every stored activity of the tenant is in its digest (read once; it stays so). */
    public boolean complete(String tenantId) {
        if (completeTenants.contains(tenantId)) {
            return true;
        }
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Map.of(PK, s(tenantKey(tenantId)), SK, s(COMPLETE_SK)))
                .consistentRead(true)).item();
        boolean complete = item != null && !item.isEmpty();
        if (complete) {
            completeTenants.add(tenantId);
        }
        return complete;
    }

    /** The query, keeping only activities that belong in a digest and are not in it (stored before digests existed). */
    public QueryRequest undigested(QueryRequest activities) {
        Map<String, String> names = new HashMap<>(activities.expressionAttributeNames());
        names.putAll(Map.of("#source", "source", "#kind", "kind", "#digested", DIGESTED));
        Map<String, AttributeValue> values = new HashMap<>(activities.expressionAttributeValues());
        values.put(":front", s(Source.FRONT.id()));
        List<String> kinds = new ArrayList<>();
        for (String kind : DigestEntries.KINDS) {
            kinds.add(":k" + kinds.size());
            values.put(kinds.get(kinds.size() - 1), s(kind));
        }
        return activities.toBuilder().filterExpression("#source = :front AND #kind IN (" + String.join(", ", kinds) + ") AND attribute_not_exists(#digested)")
                .expressionAttributeNames(names).expressionAttributeValues(values).build();
    }

    /** Puts a stored activity item into its digest, then marks the item so (what {@link #undigested} skips). */
    public void digestStored(Map<String, AttributeValue> item) {
        Activity activity = ActivityItems.fromItem(item);
        if (!DigestEntries.digested(activity)) {
            return;
        }
        remember(activity);
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of(PK, item.get(PK), SK, item.get(SK)))
                    .updateExpression("SET #digested = :yes").conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#digested", DIGESTED, "#pk", PK))
                    .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true))));
        } catch (ConditionalCheckFailedException erasedMeanwhile) {
            forget(List.of(activity));
        }
    }

    /** Records that every stored activity of the tenant is in its digest: recaps read digests from now on. */
    public void markComplete(String tenantId) {
        dynamo.putItem(b -> b.tableName(table).item(Map.of(PK, s(tenantKey(tenantId)), SK, s(COMPLETE_SK), "since", s(clock.instant().toString()))));
        completeTenants.add(tenantId);
    }

    /** The digested history of each conversation (oldest first), 100 digests a BatchGetItem. */
    public Read read(String tenantId, Collection<String> conversationIds) {
        Map<String, List<Activity>> histories = new LinkedHashMap<>();
        Set<String> overflowed = new HashSet<>();
        conversationIds.forEach(c -> histories.put(c, new ArrayList<>()));
        List<String> all = new ArrayList<>(histories.keySet());
        long now = clock.instant().getEpochSecond();
        for (int i = 0; i < all.size(); i += GET_BATCH) {
            for (Map<String, AttributeValue> item : fetch(tenantId, all.subList(i, Math.min(all.size(), i + GET_BATCH)))) {
                String conversation = item.get(PK).s().substring((tenantKey(tenantId) + "#DIG#").length());
                if (item.containsKey(OVERFLOW)) {
                    overflowed.add(conversation);
                    histories.remove(conversation);
                    continue;
                }
                List<Activity> history = histories.get(conversation);
                item.forEach((name, value) -> {
                    if (name.startsWith(DigestEntries.PREFIX)) {
                        Activity a = DigestEntries.activity(tenantId, conversation, value);
                        if (retention.expiresAt(tenantId, a.occurredAt()) > now) {
                            history.add(a);
                        }
                    }
                });
            }
        }
        histories.values().forEach(h -> h.sort(java.util.Comparator.comparing(Activity::occurredAt).thenComparing(Activity::sourceFactId)));
        return new Read(histories, overflowed);
    }

    private List<Map<String, AttributeValue>> fetch(String tenantId, List<String> conversationIds) {
        Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder()
                .keys(conversationIds.stream().map(c -> key(tenantId, c)).toList()).build());
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int pass = 0; !pending.isEmpty(); pass++) {
            if (pass == MAX_PASSES) {
                throw new IllegalStateException("DynamoDB kept conversation digests unprocessed after " + MAX_PASSES + " passes");
            }
            pause(pass);
            Map<String, KeysAndAttributes> request = pending;
            BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(request));
            items.addAll(response.responses().getOrDefault(table, List.of()));
            pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return items;
    }

    /** Removes the entries of activities about to be erased (idempotent). */
    void forget(Collection<Activity> erased) {
        Map<String, List<Activity>> byConversation = new LinkedHashMap<>();
        erased.stream().filter(DigestEntries::digested).forEach(a -> byConversation.computeIfAbsent(a.sourceRecordId(), c -> new ArrayList<>()).add(a));
        byConversation.forEach((conversation, activities) -> {
            for (int i = 0; i < activities.size(); i += 50) {
                Map<String, String> names = new HashMap<>();
                List<Activity> chunk = activities.subList(i, Math.min(activities.size(), i + 50));
                for (int n = 0; n < chunk.size(); n++) {
                    names.put("#e" + n, DigestEntries.attributeName(chunk.get(n).id()));
                }
                names.put("#pk", PK);
                try {
                    dynamo.updateItem(b -> b.tableName(table).key(key(chunk.get(0).tenantId(), conversation))
                            .updateExpression("REMOVE " + String.join(", ", names.keySet().stream().filter(n -> n.startsWith("#e")).toList()))
                            .conditionExpression("attribute_exists(#pk)")
                            .expressionAttributeNames(names));
                } catch (ConditionalCheckFailedException noDigest) {
                    return; // nothing kept of this conversation
                }
            }
        });
    }

    /** Deletes the digests of these conversations (the tenant is being erased, or the source deleted them). */
    void delete(String tenantId, Collection<String> conversationIds) {
        List<Map<String, AttributeValue>> keys = conversationIds.stream().distinct().map(c -> key(tenantId, c)).toList();
        for (int i = 0; i < keys.size(); i += 25) {
            deleter.delete(keys.subList(i, Math.min(keys.size(), i + 25)));
        }
    }

    private static void pause(int pass) {
        if (pass == 0) {
            return;
        }
        try {
            Thread.sleep(Math.min(1600, 25L << pass));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading conversation digests", e);
        }
    }
}
