package io.gristmill.front.summary;

import static io.gristmill.aws.Table.PK;
import static io.gristmill.aws.Table.SK;
import static io.gristmill.aws.Table.s;
import static io.gristmill.aws.Table.str;
import static io.gristmill.aws.Table.tenantKey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.aws.Table;
import io.gristmill.config.GristmillConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The bookkeeping of conversation summaries, in the tenant's own partition (so offboarding erases
 * it with the rest): where the scan of resolutions stands ({@code SUMMARY#CURSOR}), resolutions
 * waiting for a summary ({@code SUMMARY#PENDING#<activity>}: conversation, approving scope,
 * attempts), and which stored summary an approval covers ({@code SUMMARY#DONE#<scope>#<activity>}),
 * so that withdrawing a scope finds exactly its summaries. No text is kept here.
 */
@ApplicationScoped
public class SummaryLedger {
    private static final String CURSOR = "SUMMARY#CURSOR";
    private static final String PENDING = "SUMMARY#PENDING#";
    private static final String DONE = "SUMMARY#DONE#";

    private final DynamoDbClient dynamo;
    private final String table;

    public SummaryLedger(DynamoDbClient dynamo, GristmillConfig config) {
        this.dynamo = dynamo;
        this.table = config.table();
    }

    /** A resolution waiting for its summary. */
    public record Pending(String activityId, String conversationId, String scope, int attempts) {
    }

    public Optional<Instant> cursor(String tenantId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Table.key(tenantKey(tenantId), CURSOR))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(str(item, "position")));
    }

    public void advance(String tenantId, Instant position) {
        Map<String, AttributeValue> item = new HashMap<>(Table.key(tenantKey(tenantId), CURSOR));
        item.put("type", s("summary-cursor"));
        item.put("position", s(position.toString()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /** Remembers a resolution to summarize, once (a second sighting changes nothing). */
    public void await(String tenantId, String activityId, String conversationId, String scope) {
        Map<String, AttributeValue> item = new HashMap<>(Table.key(tenantKey(tenantId), PENDING + activityId));
        item.put("type", s("summary-pending"));
        item.put("conversationId", s(conversationId));
        item.put("scope", s(scope));
        item.put("attempts", Table.n(0));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK)));
        } catch (ConditionalCheckFailedException seenBefore) {
            // already waiting (or being retried)
        }
    }

    /** Up to {@code limit} waiting resolutions, oldest activity id order (stable across runs). */
    public List<Pending> waiting(String tenantId, int limit) {
        List<Pending> pending = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.query(b -> Table.withPrefix(b, table, tenantKey(tenantId), PENDING).limit(limit)).items()) {
            pending.add(new Pending(str(item, SK).substring(PENDING.length()), str(item, "conversationId"), str(item, "scope"),
                    Integer.parseInt(item.get("attempts").n())));
        }
        return pending;
    }

    /** One more failed attempt; returns the attempts so far. */
    public int failed(String tenantId, Pending pending) {
        return Integer.parseInt(dynamo.updateItem(b -> b.tableName(table).key(Table.key(tenantKey(tenantId), PENDING + pending.activityId()))
                .updateExpression("ADD attempts :one").expressionAttributeValues(Map.of(":one", Table.n(1)))
                .returnValues("UPDATED_NEW")).attributes().get("attempts").n());
    }

    public void drop(String tenantId, String activityId) {
        dynamo.deleteItem(b -> b.tableName(table).key(Table.key(tenantKey(tenantId), PENDING + activityId)));
    }

    /** The summary of {@code activityId} is stored under the approval of {@code scope}. */
    public void covered(String tenantId, String scope, String activityId) {
        Map<String, AttributeValue> item = new HashMap<>(Table.key(tenantKey(tenantId), DONE + scope + "#" + activityId));
        item.put("type", s("summary-done"));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /** A stored summary and the approval it was written under. */
    public record Covered(String scope, String activityId) {
    }

    /** Every stored summary with its scope, in key order, read page by page as the stream is consumed. */
    public java.util.stream.Stream<Covered> covered(String tenantId) {
        return dynamo.queryPaginator(b -> Table.withPrefix(b, table, tenantKey(tenantId), DONE).limit(200)).items().stream()
                .map(item -> str(item, SK).substring(DONE.length()))
                .map(rest -> new Covered(rest.substring(0, rest.lastIndexOf('#')), rest.substring(rest.lastIndexOf('#') + 1)));
    }

    public void uncover(String tenantId, String scope, String activityId) {
        dynamo.deleteItem(b -> b.tableName(table).key(Table.key(tenantKey(tenantId), DONE + scope + "#" + activityId)));
    }
}
