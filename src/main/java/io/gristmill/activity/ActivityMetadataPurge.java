package io.gristmill.activity;

import static io.gristmill.aws.Table.GSI1;
import static io.gristmill.aws.Table.GSI1PK;
import static io.gristmill.aws.Table.PK;
import static io.gristmill.aws.Table.SK;
import static io.gristmill.aws.Table.s;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.config.GristmillConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Removes fields an opt-in allowed from stored activity once the opt-in is withdrawn. */
@ApplicationScoped
public class ActivityMetadataPurge {
    private final DynamoDbClient dynamo;
    private final String table;

    public ActivityMetadataPurge(DynamoDbClient dynamo, GristmillConfig config) {
        this.dynamo = dynamo;
        this.table = config.table();
    }

    /**
     * Removes metadata fields from every stored activity of one kind (e.g. note text after the
     * tenant withdrew its opt-in): reads the timelines of the given employees and the unattributed
     * one, and rewrites only the matching items. Stops at {@code deadline}; returns whether it got
     * through everything (running it again is harmless).
     */
    public boolean removeMetadata(String tenantId, List<String> employeeIds, String kind, List<String> keys, Instant deadline,
            java.time.Clock clock) {
        List<String> timelines = new ArrayList<>(employeeIds);
        timelines.add(ActivityStore.UNATTRIBUTED);
        Map<String, String> names = new HashMap<>(Map.of("#pk", GSI1PK, "#kind", "kind", "#meta", "meta"));
        StringBuilder any = new StringBuilder();
        StringBuilder remove = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            names.put("#k" + i, keys.get(i));
            any.append(i == 0 ? "" : " OR ").append("attribute_exists(#meta.#k").append(i).append(")");
            remove.append(i == 0 ? "" : ", ").append("#meta.#k").append(i);
        }
        for (String timeline : timelines) {
            for (Map<String, AttributeValue> item : dynamo.queryPaginator(b -> b.tableName(table).indexName(GSI1)
                    .keyConditionExpression("#pk = :pk")
                    .filterExpression("#kind = :kind AND (" + any + ")")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(Map.of(":pk", s(ActivityItems.timelineKey(tenantId, timeline)), ":kind", s(kind)))).items()) {
                if (clock.instant().isAfter(deadline)) {
                    return false;
                }
                Map<String, String> updateNames = new HashMap<>(names);
                updateNames.remove("#pk");
                updateNames.remove("#kind");
                try {
                    dynamo.updateItem(b -> b.tableName(table).key(Map.of(PK, item.get(PK), SK, item.get(SK)))
                            .updateExpression("REMOVE " + remove)
                            .conditionExpression("attribute_exists(" + PK + ")")
                            .expressionAttributeNames(updateNames));
                } catch (ConditionalCheckFailedException deletedMeanwhile) {
                    // nothing left to remove
                }
            }
        }
        return true;
    }
}
