package io.gristmill.activity;

import static io.gristmill.aws.Table.GSI1PK;
import static io.gristmill.aws.Table.GSI1SK;
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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How an activity is keyed and stored: one item per activity ({@code T#t#ACT#id}), on the
 * employee's timeline (GSI1, {@code T#t#EMP#e}, by time) and under its source record (GSI2,
 * {@code T#t#SRC#source#record}).
 */
final class ActivityItems {
    private ActivityItems() {
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

    /** The item of an activity, with its expiry (DynamoDB TTL): kept for the tenant's retention after it happened. */
    static Map<String, AttributeValue> toItem(Activity a, long expiresAt, int retentionMonths) {
        String id = a.id();
        String sortKey = sortable(a.occurredAt()) + "#" + id;
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(itemKey(a.tenantId(), id)));
        item.put(SK, s("ACT"));
        item.put(GSI1PK, s(timelineKey(a.tenantId(), a.employeeId().orElse(ActivityStore.UNATTRIBUTED))));
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
        item.put(io.gristmill.aws.Table.EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt)));
        item.put(ActivityStore.RETENTION_MONTHS, AttributeValue.fromN(Integer.toString(retentionMonths)));
        if (DigestEntries.digested(a)) {
            item.put(ConversationDigests.DIGESTED, AttributeValue.fromBool(true));
        }
        return item;
    }

    static Activity fromItem(Map<String, AttributeValue> item) {
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
