package io.gristmill.activity;

import static io.gristmill.aws.Table.GSI1;
import static io.gristmill.aws.Table.GSI1PK;
import static io.gristmill.aws.Table.GSI1SK;
import static io.gristmill.aws.Table.GSI2;
import static io.gristmill.aws.Table.GSI2PK;
import static io.gristmill.aws.Table.PK;
import static io.gristmill.aws.Table.SK;
import static io.gristmill.aws.Table.s;
import static io.gristmill.aws.Table.sortable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.aws.QueryPagesAhead;
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
    /** The retention an item's expiry was computed with. */
    public static final String RETENTION_MONTHS = "retentionMonths";

    private final DynamoDbClient dynamo;
    private final String table;
    private final RetentionPolicy retention;
    private final ActivityBatches batches;
    private final ConversationDigests digests;
    private final DigestedWrite digestedWrite;

    public ActivityStore(DynamoDbClient dynamo, GristmillConfig config, RetentionPolicy retention, ConversationDigests digests) {
        this.dynamo = dynamo;
        this.table = config.table();
        this.retention = retention;
        this.batches = new ActivityBatches(dynamo, table);
        this.digests = digests;
        this.digestedWrite = new DigestedWrite(dynamo, table, digests);
    }

    /**
     * Stores the activity unless the same fact is stored already (then nothing changes); one that
     * belongs in a conversation digest is stored together with its entry there.
     */
    public WriteOutcome record(Activity activity) {
        if (DigestEntries.digested(activity)) {
            return digestedWrite.record(activity, item(activity), () -> put(activity));
        }
        return put(activity);
    }

    private WriteOutcome put(Activity activity) {
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(item(activity))
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK)));
            return WriteOutcome.CREATED;
        } catch (ConditionalCheckFailedException sameFactStoredBefore) {
            return WriteOutcome.ALREADY_STORED;
        }
    }

    /**
     * Stores many activities, each once (see {@link ActivityBatches}); returns how many were new.
     * The caller must hold the tenant's sync lease.
     */
    public int recordAll(List<Activity> batch) {
        if (batch.size() <= 1) {
            return batch.isEmpty() || record(batch.get(0)) == WriteOutcome.CREATED ? batch.size() : 0;
        }
        // Entries first: a digest may hold an activity whose write is still to be retried, never lack a stored one.
        batch.stream().filter(DigestEntries::digested).forEach(digests::remember);
        return batches.storeNew(batch.stream().map(this::item).toList());
    }

    public Optional<Activity> find(String tenantId, String activityId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of(PK, s(ActivityItems.itemKey(tenantId, activityId)), SK, s("ACT")))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ActivityItems.fromItem(item));
    }

    /** An employee's activity with {@code from <= occurredAt < to}, oldest first: one Query. */
    public List<Activity> forEmployee(String tenantId, String employeeId, Instant from, Instant to) {
        return timeline(tenantId, employeeId, from, to);
    }

    /**
     * Like {@link #forEmployee(String, String, Instant, Instant)}, but stops reading and throws
     * {@link TooMuchActivityException} once the period holds more than {@code limit} activities,
     * so that a request over a long, busy period cannot exhaust the function's memory or time.
     */
    public List<Activity> forEmployee(String tenantId, String employeeId, Instant from, Instant to, int limit) {
        List<Activity> result = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(timelineQuery(tenantId, employeeId, from, to)).items()) {
            if (result.size() == limit) {
                throw new TooMuchActivityException(limit);
            }
            result.add(ActivityItems.fromItem(item));
        }
        return result;
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
                .expressionAttributeValues(Map.of(":pk", s(ActivityItems.sourceKey(tenantId, source, sourceRecordId))))
                .build());
    }

    /**
     * Credits a stored activity to an employee (or takes the credit away with empty). Returns
     * false when no such activity is stored.
     */
    public boolean attribute(String tenantId, String activityId, Optional<String> employeeId) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":timeline", s(ActivityItems.timelineKey(tenantId, employeeId.orElse(UNATTRIBUTED))));
        String update;
        if (employeeId.isPresent()) {
            values.put(":employee", s(employeeId.get()));
            update = "SET #gsi1pk = :timeline, employeeId = :employee";
        } else {
            update = "SET #gsi1pk = :timeline REMOVE employeeId";
        }
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of(PK, s(ActivityItems.itemKey(tenantId, activityId)), SK, s("ACT")))
                    .updateExpression(update)
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK, "#gsi1pk", GSI1PK))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException notStored) {
            return false;
        }
    }

    /**
     * Adds measures a stored activity does not have yet (a call's duration, known when it ends);
     * measures it has stay as they are, so a repeated delivery changes nothing. Returns false when
     * no such activity is stored.
     */
    public boolean fillMeasures(String tenantId, String activityId, Map<String, BigDecimal> measures) {
        if (measures.isEmpty()) {
            return find(tenantId, activityId).isPresent();
        }
        Map<String, String> names = new HashMap<>(Map.of("#pk", PK, "#measures", "measures"));
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder set = new StringBuilder("SET ");
        int i = 0;
        for (Map.Entry<String, BigDecimal> measure : measures.entrySet()) {
            names.put("#m" + i, measure.getKey());
            values.put(":v" + i, AttributeValue.fromN(measure.getValue().toPlainString()));
            set.append(i == 0 ? "" : ", ").append("#measures.#m").append(i).append(" = if_not_exists(#measures.#m").append(i)
                    .append(", :v").append(i).append(")");
            i++;
        }
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of(PK, s(ActivityItems.itemKey(tenantId, activityId)), SK, s("ACT")))
                    .updateExpression(set.toString())
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException notStored) {
            return false;
        }
    }

    /** The metadata key of an approved conversation summary (front.summary): derived text, never the conversation's. */
    public static final String SUMMARY = "summary";

    /**
     * Puts an approved summary on a stored activity ({@code meta.summary}); returns false when no
     * such activity is stored. Activity writes never replace a stored item, so it stays.
     */
    public boolean summarize(String tenantId, String activityId, String summary) {
        return updateMeta(tenantId, activityId, "SET #meta.#summary = :summary", Map.of(":summary", s(summary)));
    }

    /** Removes an activity's summary (its approval was withdrawn); false when no such activity is stored. */
    public boolean forgetSummary(String tenantId, String activityId) {
        return updateMeta(tenantId, activityId, "REMOVE #meta.#summary", Map.of());
    }

    private boolean updateMeta(String tenantId, String activityId, String expression, Map<String, AttributeValue> values) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of(PK, s(ActivityItems.itemKey(tenantId, activityId)), SK, s("ACT")))
                    .updateExpression(expression)
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK, "#meta", "meta", "#summary", SUMMARY))
                    .expressionAttributeValues(values.isEmpty() ? null : values));
            return true;
        } catch (ConditionalCheckFailedException notStored) {
            return false;
        }
    }

    /** Removes every activity derived from a record deleted at the source; returns how many. */
    public int deleteForSourceRecord(String tenantId, Source source, String sourceRecordId) {
        List<Activity> derived = forSourceRecord(tenantId, source, sourceRecordId);
        if (source == Source.FRONT) {
            digests.delete(tenantId, List.of(sourceRecordId));
        }
        for (Activity activity : derived) {
            dynamo.deleteItem(b -> b.tableName(table)
                    .key(Map.of(PK, s(ActivityItems.itemKey(tenantId, activity.id())), SK, s("ACT"))));
        }
        return derived.size();
    }

    /** A week of a busy person spans pages: the next page is read while this one's items are mapped. */
    private List<Activity> timeline(String tenantId, String employeeKey, Instant from, Instant to) {
        return QueryPagesAhead.mapAll(dynamo, timelineQuery(tenantId, employeeKey, from, to), ActivityItems::fromItem);
    }

    private QueryRequest timelineQuery(String tenantId, String employeeKey, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
        // The sort key is "<time>#<id>": "<to>#..." sorts after "<to>", so BETWEEN is half-open [from, to).
        return QueryRequest.builder().tableName(table).indexName(GSI1)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#pk", GSI1PK, "#sk", GSI1SK))
                .expressionAttributeValues(Map.of(
                        ":pk", s(ActivityItems.timelineKey(tenantId, employeeKey)),
                        ":from", s(sortable(from)),
                        ":to", s(sortable(to))))
                .build();
    }

    private List<Activity> queryAll(QueryRequest request) {
        List<Activity> result = new ArrayList<>();
        dynamo.queryPaginator(request).items().forEach(item -> result.add(ActivityItems.fromItem(item)));
        return result;
    }

    /** Every activity credited to an employee, all time (GSI1), for erasure. */
    public QueryRequest creditedTo(String tenantId, String employeeId) {
        return QueryRequest.builder().tableName(table).indexName(GSI1)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", GSI1PK))
                .expressionAttributeValues(Map.of(":pk", s(ActivityItems.timelineKey(tenantId, employeeId))))
                .build();
    }

    /** Every unattributed activity of a tenant, all time (GSI1), for erasure. */
    public QueryRequest unattributed(String tenantId) {
        return creditedTo(tenantId, UNATTRIBUTED);
    }

    /**
     * Unattributed activity done through one person's accounts (after they were deactivated or
     * blocked, or before they were linked), for erasure: matched on the actor ids activities keep.
     */
    public QueryRequest unattributedBy(String tenantId, String salesforceUserId, String frontTeammateId) {
        return unattributed(tenantId).toBuilder()
                .filterExpression("#meta.salesforceUserId = :sf OR #meta.frontTeammateId = :tea")
                .expressionAttributeNames(Map.of("#pk", GSI1PK, "#meta", "meta"))
                .expressionAttributeValues(Map.of(":pk", s(ActivityItems.timelineKey(tenantId, UNATTRIBUTED)),
                        ":sf", s(salesforceUserId == null ? "-" : salesforceUserId), ":tea", s(frontTeammateId == null ? "-" : frontTeammateId)))
                .build();
    }

    private Map<String, AttributeValue> item(Activity activity) {
        return ActivityItems.toItem(activity, retention.expiresAt(activity.tenantId(), activity.occurredAt()),
                retention.months(activity.tenantId()));
    }
}
