package io.gristmill.recap;

import static io.gristmill.aws.Table.PK;
import static io.gristmill.aws.Table.SK;
import static io.gristmill.aws.Table.s;
import static io.gristmill.aws.Table.str;
import static io.gristmill.aws.Table.tenantKey;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.gristmill.config.GristmillConfig;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Recap versions: {@code PK = T#tenant#RECAP#employee}, {@code SK = week#v0001}. A version is
 * written whole (the recap as gzip'd JSON plus its status), so a reader never sees half of one;
 * every write is conditional, so two writers cannot both create a version or confirm a replaced draft.
 */
@ApplicationScoped
public class RecapStore {
    /** Recaps stay well under DynamoDB's 400 KB item limit; beyond this the evidence table is left out. */
    static final int MAX_BODY_BYTES = 300_000;

    private final DynamoDbClient dynamo;
    private final ObjectMapper json;
    private final String table;

    private final io.gristmill.activity.RetentionPolicy retention;

    public RecapStore(DynamoDbClient dynamo, ObjectMapper json, GristmillConfig config, io.gristmill.activity.RetentionPolicy retention) {
        this.retention = retention;
        this.dynamo = dynamo;
        this.json = json;
        this.table = config.table();
    }

    /** Every version of one employee-week, oldest first (one Query). */
    public List<Recap> versions(String tenantId, String employeeId, IsoWeek week) {
        List<Recap> versions = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :week)")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", s(partition(tenantId, employeeId)), ":week", s(week + "#")))
                .consistentRead(true))
                .items().forEach(item -> versions.add(fromItem(item)));
        return versions;
    }

    /**
     * The latest confirmed version of each week from {@code first} to {@code last} (both included),
     * without evidence, in week order: one Query over the employee's recap partition.
     */
    public java.util.SortedMap<IsoWeek, Recap> latestConfirmed(String tenantId, String employeeId, IsoWeek first, IsoWeek last) {
        java.util.SortedMap<IsoWeek, Recap> latest = new java.util.TreeMap<>();
        dynamo.queryPaginator(b -> b.tableName(table)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :first AND :last")
                .filterExpression("#status = :confirmed")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK, "#status", "status"))
                .expressionAttributeValues(Map.of(":pk", s(partition(tenantId, employeeId)), ":first", s(first + "#"),
                        ":last", s(last + "#~"), ":confirmed", s(RecapStatus.CONFIRMED.name()))))
                .items().forEach(item -> {
                    Recap recap = fromItem(item).withoutEvidence();
                    latest.merge(IsoWeek.parse(recap.week()), recap, (a, b) -> b.version() > a.version() ? b : a);
                });
        return latest;
    }

    /** One stored version, without its body. */
    public record VersionInfo(IsoWeek week, int version, RecapStatus status) {
    }

    /** Every version of every week of one employee, oldest first, without bodies (one Query). */
    public List<VersionInfo> all(String tenantId, String employeeId) {
        List<VersionInfo> all = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK, "#status", "status", "#version", "version"))
                .projectionExpression("#sk, #status, #version")
                .expressionAttributeValues(Map.of(":pk", s(partition(tenantId, employeeId)))))
                .items().forEach(item -> all.add(new VersionInfo(IsoWeek.parse(str(item, SK).substring(0, 8)),
                        Integer.parseInt(item.get("version").n()), RecapStatus.valueOf(str(item, "status")))));
        return all;
    }

    /** Stores a new version; false when that version number was taken meanwhile. */
    public boolean create(String tenantId, Recap recap) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(toItem(tenantId, recap))
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK)));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    /** Replaces a draft in place; false when it was confirmed or regenerated meanwhile. */
    public boolean replaceDraft(String tenantId, Recap draft, Recap replacement) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(toItem(tenantId, replacement))
                    .conditionExpression("#status = :draft AND generatedAt = :generatedAt")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":draft", s(RecapStatus.DRAFT.name()), ":generatedAt", s(draft.generatedAt().toString()))));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    /** Confirms exactly the draft that was read; false when it changed meanwhile. */
    public boolean confirm(String tenantId, Recap draft, Recap confirmed) {
        return replaceDraft(tenantId, draft, confirmed);
    }

    /** Every version of every week of an employee (one partition), for erasure. */
    public software.amazon.awssdk.services.dynamodb.model.QueryRequest everything(String tenantId, String employeeId) {
        return software.amazon.awssdk.services.dynamodb.model.QueryRequest.builder().tableName(table)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", PK))
                .expressionAttributeValues(Map.of(":pk", s(partition(tenantId, employeeId))))
                .projectionExpression("#pk, " + SK)
                .build();
    }

    static String partition(String tenantId, String employeeId) {
        return tenantKey(tenantId) + "#RECAP#" + employeeId;
    }

    private Map<String, AttributeValue> toItem(String tenantId, Recap recap) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(partition(tenantId, recap.employeeId())));
        item.put(SK, s(String.format("%s#v%04d", recap.week(), recap.version())));
        item.put("type", s("recap"));
        item.put("status", s(recap.status().name()));
        item.put("version", AttributeValue.fromN(Integer.toString(recap.version())));
        item.put("generatedAt", s(recap.generatedAt().toString()));
        if (recap.confirmedAt() != null) {
            item.put("confirmedAt", s(recap.confirmedAt().toString()));
        }
        if (recap.managerId() != null) {
            item.put("managerId", s(recap.managerId()));
        }
        byte[] body = gzip(recap);
        if (body.length > MAX_BODY_BYTES) {
            body = gzip(recap.withoutEvidence());
        }
        item.put("body", AttributeValue.fromB(SdkBytes.fromByteArray(body)));
        // Kept for the tenant's retention after the week it is about.
        item.put(io.gristmill.aws.Table.EXPIRES_AT, AttributeValue.fromN(Long.toString(retention.expiresAt(tenantId, recap.to()))));
        item.put(io.gristmill.activity.ActivityStore.RETENTION_MONTHS, AttributeValue.fromN(Integer.toString(retention.months(tenantId))));
        return item;
    }

    private Recap fromItem(Map<String, AttributeValue> item) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(item.get("body").b().asByteArray()))) {
            return json.readValue(in, Recap.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Stored recap " + str(item, PK) + " " + str(item, SK) + " cannot be read", e);
        }
    }

    private byte[] gzip(Recap recap) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            json.writeValue(out, recap);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
