package io.gristmill.directory;

import static io.gristmill.aws.Table.PK;
import static io.gristmill.aws.Table.n;
import static io.gristmill.aws.Table.s;
import static io.gristmill.aws.Table.tenantKey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.gristmill.aws.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * One employee save as one transaction: the employee item (new, or at the expected version), an
 * item per identity (free, or already theirs) and the removal of identities they no longer have.
 * A refused transaction names which of these was taken.
 */
final class EmployeeWrites {
    private final DynamoDbClient dynamo;
    private final String table;

    EmployeeWrites(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    void save(String tenantId, Employee after, Map<IdentityKind, String> oldIdentities, Map<IdentityKind, String> newIdentities,
            long expectedVersion) {
        String employeeId = after.employeeId();
        List<TransactWriteItem> writes = new ArrayList<>();
        List<String> described = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(EmployeeItems.toItem(after))
                .conditionExpression(expectedVersion == 0 ? "attribute_not_exists(#pk)" : "version = :expected")
                .expressionAttributeNames(expectedVersion == 0 ? Map.of("#pk", PK) : null)
                .expressionAttributeValues(expectedVersion == 0 ? null : Map.of(":expected", n(expectedVersion))))
                .build());
        described.add("employee");
        newIdentities.forEach((kind, externalId) -> {
            writes.add(claim(tenantId, employeeId, kind, externalId));
            described.add(kind.id() + " identity " + externalId);
        });
        oldIdentities.forEach((kind, externalId) -> {
            if (!externalId.equals(newIdentities.get(kind))) {
                writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table)
                        .key(Table.key(tenantKey(tenantId), EmployeeItems.identitySortKey(kind, externalId)))
                        .conditionExpression("employeeId = :me")
                        .expressionAttributeValues(Map.of(":me", s(employeeId)))).build());
                described.add("old " + kind.id() + " identity " + externalId);
            }
        });
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
        } catch (TransactionCanceledException e) {
            throw conflict(e, described, employeeId, expectedVersion);
        }
    }

    /** The identity item, written only when the identity is free or already this employee's. */
    private TransactWriteItem claim(String tenantId, String employeeId, IdentityKind kind, String externalId) {
        Map<String, AttributeValue> item = new HashMap<>(Table.key(tenantKey(tenantId), EmployeeItems.identitySortKey(kind, externalId)));
        item.put("type", s("identity"));
        item.put("employeeId", s(employeeId));
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(#pk) OR employeeId = :me")
                .expressionAttributeNames(Map.of("#pk", PK))
                .expressionAttributeValues(Map.of(":me", s(employeeId)))).build();
    }

    private static DirectoryConflictException conflict(TransactionCanceledException e, List<String> described,
            String employeeId, long expectedVersion) {
        List<CancellationReason> reasons = e.cancellationReasons();
        for (int i = 0; i < reasons.size() && i < described.size(); i++) {
            if (!"ConditionalCheckFailed".equals(reasons.get(i).code())) {
                continue;
            }
            if (i == 0) {
                return new DirectoryConflictException(expectedVersion == 0
                        ? "Employee " + employeeId + " exists already; send its current version to replace it"
                        : "Employee " + employeeId + " was changed by someone else (expected version " + expectedVersion + "); read it again");
            }
            return new DirectoryConflictException("The " + described.get(i) + " belongs to another employee");
        }
        return new DirectoryConflictException("Employee " + employeeId + " could not be saved because of a concurrent change; try again");
    }
}
