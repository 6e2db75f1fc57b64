package io.gristmill.directory;

import static io.gristmill.aws.Table.GSI1;
import static io.gristmill.aws.Table.GSI1PK;
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
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gristmill.aws.Table;
import io.gristmill.config.GristmillConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The employee directory of each tenant. An employee is one item ({@code T#t / EMP#id}); each of
 * their external identities is one more item ({@code T#t / IDENT#kind#externalId}) pointing back,
 * so that a Salesforce user id or Front teammate id finds its employee with one GetItem. Both are
 * written in one transaction: an identity can never point to two employees, and a failed write
 * leaves nothing half-written. Direct reports are found through GSI1 ({@code T#t#MGR#manager}).
 */
@ApplicationScoped
public class EmployeeDirectory {
    private static final Logger LOG = Logger.getLogger(EmployeeDirectory.class);
    private static final String BLOCKED = "BLOCKED#";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final EmployeeWrites writes;

    public EmployeeDirectory(DynamoDbClient dynamo, GristmillConfig config, Clock clock) {
        this.dynamo = dynamo;
        this.table = config.table();
        this.clock = clock;
        this.writes = new EmployeeWrites(dynamo, table);
    }

    public Optional<Employee> find(String tenantId, String employeeId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Table.key(tenantKey(tenantId), EmployeeItems.EMPLOYEE + employeeId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(EmployeeItems.fromItem(item));
    }

    /** One page of the directory, in employee id order; pass {@code page.next()} for the next. */
    public Page list(String tenantId, int limit, Optional<String> after) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", s(tenantKey(tenantId)));
        values.put(":prefix", s(EmployeeItems.EMPLOYEE));
        QueryResponse response = dynamo.query(b -> {
            b.tableName(table)
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                    .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                    .expressionAttributeValues(values)
                    .limit(limit)
                    .consistentRead(true);
            after.ifPresent(id -> b.exclusiveStartKey(Table.key(tenantKey(tenantId), EmployeeItems.EMPLOYEE + id)));
        });
        List<Employee> employees = response.items().stream().map(EmployeeItems::fromItem).toList();
        Optional<String> next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? Optional.of(response.lastEvaluatedKey().get(SK).s().substring(EmployeeItems.EMPLOYEE.length()))
                : Optional.empty();
        return new Page(employees, next);
    }

    public record Page(List<Employee> employees, Optional<String> next) {
    }

    /** Every employee id of a tenant, page after page. */
    public List<String> allIds(String tenantId) {
        List<String> ids = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            Page page = list(tenantId, 500, after);
            page.employees().stream().map(Employee::employeeId).forEach(ids::add);
            after = page.next();
        } while (after.isPresent());
        return ids;
    }

    /** The employees whose manager is {@code managerId}. */
    public List<Employee> directReports(String tenantId, String managerId) {
        List<Employee> reports = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).indexName(GSI1)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", GSI1PK))
                .expressionAttributeValues(Map.of(":pk", s(EmployeeItems.managerKey(tenantId, managerId)))))
                .items().forEach(item -> reports.add(EmployeeItems.fromItem(item)));
        return reports;
    }

    /** The employee an external identity belongs to, active or not. */
    public Optional<Employee> findByIdentity(String tenantId, IdentityKind kind, String externalId) {
        Map<String, AttributeValue> identity = dynamo.getItem(b -> b.tableName(table)
                .key(Table.key(tenantKey(tenantId), EmployeeItems.identitySortKey(kind, externalId))).consistentRead(true)).item();
        if (identity == null || identity.isEmpty()) {
            return Optional.empty();
        }
        return find(tenantId, str(identity, "employeeId"));
    }

    /**
     * The employee credited with work done at {@code when} by the given external identity, or
     * empty (unattributed) when the identity is unknown or its employee was deactivated by then.
     */
    public Optional<String> creditFor(String tenantId, IdentityKind kind, String externalId, Instant when) {
        return creditRule(tenantId, kind, externalId).creditAt(when);
    }

    /** What decides who is credited with an external account's work, read now (to keep in a cache; see {@link CreditRule}). */
    public CreditRule creditRule(String tenantId, IdentityKind kind, String externalId) {
        Map<String, AttributeValue> identity = dynamo.getItem(b -> b.tableName(table)
                .key(Table.key(tenantKey(tenantId), EmployeeItems.identitySortKey(kind, externalId))).consistentRead(true)).item();
        if (identity == null || identity.isEmpty()) {
            return new CreditRule(tenantId, kind, externalId, Optional.empty(), Optional.empty(), Optional.empty());
        }
        String employeeId = str(identity, "employeeId");
        // An e-mail address cannot be blocked; the other accounts can.
        Map<String, AttributeValue> blocked = kind == IdentityKind.EMAIL ? null : dynamo.getItem(b -> b.tableName(table)
                .key(Table.key(tenantKey(tenantId), blockedSortKey(kind, externalId))).consistentRead(true)).item();
        Optional<Instant> blockedAt = blocked == null || blocked.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(str(blocked, "blockedAt")));
        return new CreditRule(tenantId, kind, externalId, Optional.of(employeeId), blockedAt, find(tenantId, employeeId));
    }

    private static String blockedSortKey(IdentityKind kind, String externalId) {
        return BLOCKED + kind.id() + "#" + kind.normalize(externalId);
    }

    /**
     * Marks one external account as blocked from {@code at} on (e.g. a Front teammate with
     * {@code is_blocked}): work done through it afterwards is unattributed, even while the employee
     * stays active in other tools. The first time a block is seen is kept.
     */
    public void blockIdentity(String tenantId, IdentityKind kind, String externalId, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(Table.key(tenantKey(tenantId), blockedSortKey(kind, externalId)));
        item.put("type", s("blocked-identity"));
        item.put("blockedAt", s(at.toString()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK)));
            LOG.infof("Blocked %s identity %s of tenant %s from %s on", kind.id(), externalId, tenantId, at);
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException blockedBefore) {
            // keep the first time it was seen blocked
        }
    }

    /** Lifts a block: work done through the account from now on is credited again. */
    public void unblockIdentity(String tenantId, IdentityKind kind, String externalId) {
        dynamo.deleteItem(b -> b.tableName(table).key(Table.key(tenantKey(tenantId), blockedSortKey(kind, externalId))));
    }

    /** Whether the account was blocked at {@code when}. */
    public boolean blockedBy(String tenantId, IdentityKind kind, String externalId, Instant when) {
        Map<String, AttributeValue> blocked = dynamo.getItem(b -> b.tableName(table)
                .key(Table.key(tenantKey(tenantId), blockedSortKey(kind, externalId)))).item();
        return blocked != null && !blocked.isEmpty() && !Instant.parse(str(blocked, "blockedAt")).isAfter(when);
    }

    /**
     * Creates or replaces an employee. {@code expectedVersion} 0 means "must not exist yet"; for an
     * update pass the version that was read, so that a concurrent change is refused.
     *
     * @throws DirectoryConflictException when the version moved or an identity belongs to someone else
     */
    public Employee put(String tenantId, String employeeId, EmployeeInput input, long expectedVersion) {
        return put(tenantId, employeeId, input, expectedVersion, FieldSource.ADMIN);
    }

    /**
     * Like {@link #put(String, String, EmployeeInput, long)}, on behalf of {@code source}: every
     * field this write changes is recorded as set by it; unchanged fields keep their source.
     */
    public Employee put(String tenantId, String employeeId, EmployeeInput input, long expectedVersion, FieldSource source) {
        return put(tenantId, employeeId, input, expectedVersion, source, Optional.empty());
    }

    /**
     * Replaces an employee by a tombstone (after their data was erased on request): no name, no
     * address, no manager, role or groups, deactivated, marked erased; their Salesforce and Front
     * accounts keep pointing here, so that later work from them is credited to nobody (and no sync
     * creates them anew). Idempotent.
     */
    public Employee tombstone(String tenantId, String employeeId, Instant erasedAt) {
        for (int attempt = 1; ; attempt++) {
            Employee before = find(tenantId, employeeId).orElseThrow(() -> new DirectoryValidationException("No employee " + employeeId));
            if (before.erased()) {
                return before;
            }
            String placeholder = "erased-" + Integer.toHexString(employeeId.hashCode()) + "@erased.invalid";
            try {
                return put(tenantId, employeeId, new EmployeeInput("Erased employee", placeholder, null, null, List.of(), before.identities(),
                        false, erasedAt), before.version(), FieldSource.ADMIN, Optional.of(erasedAt));
            } catch (DirectoryConflictException changedMeanwhile) {
                if (attempt == 3) {
                    throw changedMeanwhile;
                }
            }
        }
    }

    private Employee put(String tenantId, String employeeId, EmployeeInput input, long expectedVersion, FieldSource source,
            Optional<Instant> erasedAt) {
        if (input.managerId() != null) {
            if (input.managerId().equals(employeeId)) {
                throw new DirectoryValidationException("managerId: an employee cannot be their own manager");
            }
            if (find(tenantId, input.managerId()).isEmpty()) {
                throw new DirectoryValidationException("managerId: no employee '" + input.managerId() + "' in this directory");
            }
        }
        Optional<Employee> before = find(tenantId, employeeId);
        Optional<Instant> deactivatedAt = input.active()
                ? Optional.empty()
                : Optional.of(Optional.ofNullable(input.deactivatedAt())
                        .or(() -> before.flatMap(Employee::deactivatedAt))
                        .orElse(clock.instant()));
        Employee draft = new Employee(tenantId, employeeId, input.name().trim(), input.email().trim(),
                Optional.ofNullable(input.managerId()), Optional.ofNullable(input.role()), input.groups(), input.identities(), input.active(),
                deactivatedAt, expectedVersion + 1, Map.of(), erasedAt);
        Map<String, FieldSource> sources = new HashMap<>();
        for (String field : Employee.FIELDS) {
            boolean unchanged = before.isPresent() && java.util.Objects.equals(before.get().valueOf(field), draft.valueOf(field));
            sources.put(field, unchanged ? before.get().sourceOf(field) : source);
        }
        Employee after = new Employee(tenantId, employeeId, draft.name(), draft.email(), draft.managerId(), draft.role(), draft.groups(),
                draft.identities(), draft.active(), draft.deactivatedAt(), draft.version(), sources, erasedAt);

        writes.save(tenantId, after, before.map(EmployeeDirectory::identities).orElse(Map.of()), identities(after), expectedVersion);
        LOG.infof("Saved employee %s (version %d, active %s)", employeeId, after.version(), after.active());
        return after;
    }

    private static Map<IdentityKind, String> identities(Employee employee) {
        Map<IdentityKind, String> map = new HashMap<>(employee.identities().asMap());
        map.put(IdentityKind.EMAIL, IdentityKind.EMAIL.normalize(employee.email()));
        return map;
    }
}
