package io.gristmill.recap;

import static io.gristmill.aws.Table.PK;
import static io.gristmill.aws.Table.SK;
import static io.gristmill.aws.Table.s;
import static io.gristmill.aws.Table.str;
import static io.gristmill.aws.Table.tenantKey;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.gristmill.aws.Table;
import io.gristmill.config.GristmillConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Explicit, recorded and revocable read access to one employee's confirmed recaps and review
 * context for someone outside their manager chain (an HR partner, a project lead). One item per
 * grant ({@code T#t / DELEGATE#employee#delegate}); every grant and revocation also writes an
 * entry to the employee's access log ({@code T#t / DELEGLOG#employee#time#id}) in the same
 * transaction, so the log can never miss a change.
 */
@ApplicationScoped
public class Delegations {
    private static final Logger LOG = Logger.getLogger(Delegations.class);
    private static final String GRANT = "DELEGATE#";
    private static final String LOG_ENTRY = "DELEGLOG#";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public Delegations(DynamoDbClient dynamo, GristmillConfig config, Clock clock) {
        this.dynamo = dynamo;
        this.table = config.table();
        this.clock = clock;
    }

    /** A standing grant: {@code delegateId} reads {@code employeeId}'s confirmed recaps. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delegation(String employeeId, String delegateId, String grantedBy, Instant grantedAt, String reason) {
    }

    /** One change of access, as the log keeps it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(String action, String delegateId, String by, Instant at, String reason) {
    }

    public boolean isDelegate(String tenantId, String employeeId, String delegateId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Table.key(tenantKey(tenantId), grantKey(employeeId, delegateId))).consistentRead(true)).item();
        return item != null && !item.isEmpty();
    }

    public List<Delegation> of(String tenantId, String employeeId) {
        List<Delegation> grants = new ArrayList<>();
        query(tenantId, GRANT + employeeId + "#").forEach(item -> grants.add(new Delegation(employeeId, str(item, "delegateId"),
                str(item, "grantedBy"), Instant.parse(str(item, "grantedAt")), str(item, "reason"))));
        return grants;
    }

    /** The employee's access log, oldest first. */
    public List<Change> log(String tenantId, String employeeId) {
        List<Change> changes = new ArrayList<>();
        query(tenantId, LOG_ENTRY + employeeId + "#").forEach(item -> changes.add(new Change(str(item, "action"),
                str(item, "delegateId"), str(item, "by"), Instant.parse(str(item, "at")), str(item, "reason"))));
        return changes;
    }

    /** Grants access (idempotent: an existing grant is kept as it was, and nothing is logged). Returns the grant and whether it is new. */
    public Granted grant(String tenantId, String employeeId, String delegateId, String by, String reason) {
        Instant now = clock.instant();
        Map<String, AttributeValue> grant = new HashMap<>(Table.key(tenantKey(tenantId), grantKey(employeeId, delegateId)));
        grant.put("type", s("delegation"));
        grant.put("employeeId", s(employeeId));
        grant.put("delegateId", s(delegateId));
        grant.put("grantedBy", s(by));
        grant.put("grantedAt", s(now.toString()));
        if (reason != null) {
            grant.put("reason", s(reason));
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(grant)
                            .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK))).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(logEntry(tenantId, employeeId, "granted", delegateId, by,
                            now, reason))).build()));
        } catch (TransactionCanceledException exists) {
            if (exists.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                return new Granted(of(tenantId, employeeId).stream().filter(d -> d.delegateId().equals(delegateId)).findFirst()
                        .orElseThrow(() -> new IllegalStateException("A grant of " + delegateId + " vanished while it was read")), false);
            }
            throw exists;
        }
        LOG.infof("Delegation: %s may read %s's recaps (granted by %s)", delegateId, employeeId, by);
        return new Granted(new Delegation(employeeId, delegateId, by, now, reason), true);
    }

    public record Granted(Delegation delegation, boolean created) {
    }

    /** Revokes access; false when there was none (then nothing is logged). */
    public boolean revoke(String tenantId, String employeeId, String delegateId, String by) {
        Instant now = clock.instant();
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().delete(d -> d.tableName(table).key(Table.key(tenantKey(tenantId), grantKey(employeeId, delegateId)))
                            .conditionExpression("attribute_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK))).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(logEntry(tenantId, employeeId, "revoked", delegateId, by,
                            now, null))).build()));
        } catch (TransactionCanceledException absent) {
            if (absent.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                return false;
            }
            throw absent;
        }
        LOG.infof("Delegation: %s may no longer read %s's recaps (revoked by %s)", delegateId, employeeId, by);
        return true;
    }

    private Map<String, AttributeValue> logEntry(String tenantId, String employeeId, String action, String delegateId, String by,
            Instant at, String reason) {
        Map<String, AttributeValue> entry = new HashMap<>(Table.key(tenantKey(tenantId),
                LOG_ENTRY + employeeId + "#" + Table.sortable(at) + "#" + UUID.randomUUID()));
        entry.put("type", s("delegation-log"));
        entry.put("employeeId", s(employeeId));
        entry.put("action", s(action));
        entry.put("delegateId", s(delegateId));
        entry.put("by", s(by));
        entry.put("at", s(at.toString()));
        if (reason != null) {
            entry.put("reason", s(reason));
        }
        return entry;
    }

    private List<Map<String, AttributeValue>> query(String tenantId, String prefix) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", s(tenantKey(tenantId)), ":prefix", s(prefix)))
                .consistentRead(true)).items().forEach(items::add);
        return items;
    }

    static String grantKey(String employeeId, String delegateId) {
        return GRANT + employeeId + "#" + delegateId;
    }

    /** Used when an employee's data is erased: their grants (both ways) and log go too. */
    public int eraseFor(String tenantId, String employeeId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(query(tenantId, GRANT + employeeId + "#"));
        items.addAll(query(tenantId, LOG_ENTRY + employeeId + "#"));
        // Grants where the erased employee is the delegate.
        dynamo.queryPaginator(b -> b.tableName(table)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .filterExpression("delegateId = :me")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", s(tenantKey(tenantId)), ":prefix", s(GRANT), ":me", s(employeeId))))
                .items().forEach(items::add);
        for (Map<String, AttributeValue> item : items) {
            dynamo.deleteItem(b -> b.tableName(table).key(Table.key(str(item, PK), str(item, SK))));
        }
        return items.size();
    }
}
