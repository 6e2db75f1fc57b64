package io.gristmill.activity;

import static io.gristmill.aws.Table.GSI1;
import static io.gristmill.aws.Table.GSI1PK;
import static io.gristmill.aws.Table.GSI1SK;
import static io.gristmill.aws.Table.GSI2;
import static io.gristmill.aws.Table.GSI2PK;
import static io.gristmill.aws.Table.GSI2SK;
import static io.gristmill.aws.Table.PK;
import static io.gristmill.aws.Table.SK;
import static io.gristmill.aws.Table.s;
import static io.gristmill.aws.Table.sortable;
import static io.gristmill.aws.Table.str;
import static io.gristmill.aws.Table.tenantKey;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.config.GristmillConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Stores normalized activity. Each activity is one item keyed by its deterministic id, so a
 * conditional put makes every write idempotent; two indexes serve the reads:
 * GSI1 = employee timeline ({@code T#t#EMP#e}, sorted by time), GSI2 = source record
 * ({@code T#t#SRC#source#record}) for updates and deletes at the source.
 */
@ApplicationScoped
public class ActivityStore {
    /** Timeline partition of activity nobody is credited with (yet). */
    static final String UNATTRIBUTED = "~unattributed";

    private final DynamoDbClient dynamo;
    private final String table;

    public ActivityStore(DynamoDbClient dynamo, GristmillConfig config) {
        this.dynamo = dynamo;
        this.table = config.table();
    }

    /** Stores the activity unless the same fact is stored already (then nothing changes). */
    public WriteOutcome record(Activity activity) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(toItem(activity))
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK)));
            return WriteOutcome.CREATED;
        } catch (ConditionalCheckFailedException sameFactStoredBefore) {
            return WriteOutcome.ALREADY_STORED;
        }
    }

    /**
     * Stores many activities, each idempotently, several at a time (a conditional put cannot be
     * batched); returns how many were new.
     */
    public int recordAll(List<Activity> batch) {
        if (batch.size() <= 1) {
            return batch.isEmpty() || record(batch.get(0)) == WriteOutcome.CREATED ? batch.size() : 0;
        }
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(PARALLEL_WRITES);
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<WriteOutcome>> outcomes = new ArrayList<>();
            for (Activity activity : batch) {
                inFlight.acquireUninterruptibly();
                outcomes.add(executor.submit(() -> {
                    try {
                        return record(activity);
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            int created = 0;
            for (java.util.concurrent.Future<WriteOutcome> outcome : outcomes) {
                created += outcome.get() == WriteOutcome.CREATED ? 1 : 0;
            }
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while storing activity", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    /** Conditional puts in flight at once per batch. */
    private static final int PARALLEL_WRITES = 16;

    public Optional<Activity> find(String tenantId, String activityId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of(PK, s(itemKey(tenantId, activityId)), SK, s("ACT")))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /** An employee's activity with {@code from <= occurredAt < to}, oldest first: one Query. */
    public List<Activity> forEmployee(String tenantId, String employeeId, Instant from, Instant to) {
        return timeline(tenantId, employeeId, from, to);
    }

    /** Activity not credited to anyone with {@code from <= occurredAt < to}, oldest first. */
    public List<Activity> unattributed(String tenantId, Instant from, Instant to) {
        return timeline(tenantId, UNATTRIBUTED, from, to);
    }

    /** Every activity derived from one source record (to update or delete it), oldest first. */
    public List<Activity> forSourceRecord(String tenantId, Source source, String sourceRecordId) {
        return queryAll(QueryRequest.builder().tableName(table).indexName(GSI2)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", GSI2PK))
                .expressionAttributeValues(Map.of(":pk", s(sourceKey(tenantId, source, sourceRecordId))))
                .build());
    }

    /**
     * Credits a stored activity to an employee (or takes the credit away with empty). Returns
     * false when no such activity is stored.
     */
    public boolean attribute(String tenantId, String activityId, Optional<String> employeeId) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":timeline", s(timelineKey(tenantId, employeeId.orElse(UNATTRIBUTED))));
        String update;
        if (employeeId.isPresent()) {
            values.put(":employee", s(employeeId.get()));
            update = "SET #gsi1pk = :timeline, employeeId = :employee";
        } else {
            update = "SET #gsi1pk = :timeline REMOVE employeeId";
        }
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of(PK, s(itemKey(tenantId, activityId)), SK, s("ACT")))
                    .updateExpression(update)
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK, "#gsi1pk", GSI1PK))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException notStored) {
            return false;
        }
    }

    /** Removes every activity derived from a record deleted at the source; returns how many. */
    public int deleteForSourceRecord(String tenantId, Source source, String sourceRecordId) {
        List<Activity> derived = forSourceRecord(tenantId, source, sourceRecordId);
        for (Activity activity : derived) {
            dynamo.deleteItem(b -> b.tableName(table)
                    .key(Map.of(PK, s(itemKey(tenantId, activity.id())), SK, s("ACT"))));
        }
        return derived.size();
    }

    private List<Activity> timeline(String tenantId, String employeeKey, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
        // The sort key is "<time>#<id>": "<to>#..." sorts after "<to>", so BETWEEN is half-open [from, to).
        return queryAll(QueryRequest.builder().tableName(table).indexName(GSI1)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#pk", GSI1PK, "#sk", GSI1SK))
                .expressionAttributeValues(Map.of(
                        ":pk", s(timelineKey(tenantId, employeeKey)),
                        ":from", s(sortable(from)),
                        ":to", s(sortable(to))))
                .build());
    }

    private List<Activity> queryAll(QueryRequest request) {
        List<Activity> result = new ArrayList<>();
        dynamo.queryPaginator(request).items().forEach(item -> result.add(fromItem(item)));
        return result;
    }

    static String itemKey(String tenantId, String activityId) {
        return tenantKey(tenantId) + "#ACT#" + activityId;
    }

    static String timelineKey(String tenantId, String employeeKey) {
        return tenantKey(tenantId) + "#EMP#" + employeeKey;
    }

    static String sourceKey(String tenantId, Source source, String sourceRecordId) {
        return tenantKey(tenantId) + "#SRC#" + source.id() + "#" + sourceRecordId;
    }

    private static Map<String, AttributeValue> toItem(Activity a) {
        String id = a.id();
        String sortKey = sortable(a.occurredAt()) + "#" + id;
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(itemKey(a.tenantId(), id)));
        item.put(SK, s("ACT"));
        item.put(GSI1PK, s(timelineKey(a.tenantId(), a.employeeId().orElse(UNATTRIBUTED))));
        item.put(GSI1SK, s(sortKey));
        item.put(GSI2PK, s(sourceKey(a.tenantId(), a.source(), a.sourceRecordId())));
        item.put(GSI2SK, s(sortKey));
        item.put("type", s("activity"));
        item.put("id", s(id));
        item.put("tenantId", s(a.tenantId()));
        a.employeeId().ifPresent(e -> item.put("employeeId", s(e)));
        item.put("occurredAt", s(a.occurredAt().toString()));
        item.put("source", s(a.source().id()));
        item.put("kind", s(a.kind()));
        item.put("sourceRecordId", s(a.sourceRecordId()));
        item.put("sourceFactId", s(a.sourceFactId()));
        item.put("refs", AttributeValue.fromM(strings(a.references())));
        Map<String, AttributeValue> measures = new HashMap<>();
        a.measures().forEach((k, v) -> measures.put(k, AttributeValue.fromN(v.toPlainString())));
        item.put("measures", AttributeValue.fromM(measures));
        item.put("meta", AttributeValue.fromM(strings(a.metadata())));
        return item;
    }

    private static Activity fromItem(Map<String, AttributeValue> item) {
        Map<String, BigDecimal> measures = new HashMap<>();
        item.getOrDefault("measures", AttributeValue.fromM(Map.of())).m()
                .forEach((k, v) -> measures.put(k, new BigDecimal(v.n())));
        return new Activity(
                str(item, "tenantId"),
                Optional.ofNullable(str(item, "employeeId")),
                Instant.parse(str(item, "occurredAt")),
                Source.fromId(str(item, "source")),
                str(item, "kind"),
                str(item, "sourceRecordId"),
                str(item, "sourceFactId"),
                fromStrings(item.get("refs")),
                measures,
                fromStrings(item.get("meta")));
    }

    private static Map<String, AttributeValue> strings(Map<String, String> map) {
        Map<String, AttributeValue> result = new HashMap<>();
        map.forEach((k, v) -> result.put(k, s(v)));
        return result;
    }

    private static Map<String, String> fromStrings(AttributeValue value) {
        Map<String, String> result = new HashMap<>();
        if (value != null && value.hasM()) {
            value.m().forEach((k, v) -> result.put(k, v.s()));
        }
        return result;
    }
}
