package io.gristmill.directory;

import static io.gristmill.aws.Table.GSI1PK;
import static io.gristmill.aws.Table.GSI1SK;
import static io.gristmill.aws.Table.n;
import static io.gristmill.aws.Table.s;
import static io.gristmill.aws.Table.str;
import static io.gristmill.aws.Table.tenantKey;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.gristmill.aws.Table;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** How an employee, their identities and their manager link are keyed and stored as DynamoDB items. */
final class EmployeeItems {
    static final String EMPLOYEE = "EMP#";
    static final String IDENTITY = "IDENT#";

    private EmployeeItems() {
    }

    static String identitySortKey(IdentityKind kind, String externalId) {
        return IDENTITY + kind.id() + "#" + kind.normalize(externalId);
    }

    static String managerKey(String tenantId, String managerId) {
        return tenantKey(tenantId) + "#MGR#" + managerId;
    }

    static Map<String, AttributeValue> toItem(Employee e) {
        Map<String, AttributeValue> item = new HashMap<>(Table.key(tenantKey(e.tenantId()), EMPLOYEE + e.employeeId()));
        item.put("type", s("employee"));
        item.put("tenantId", s(e.tenantId()));
        item.put("employeeId", s(e.employeeId()));
        item.put("name", s(e.name()));
        item.put("email", s(e.email()));
        e.managerId().ifPresent(m -> {
            item.put("managerId", s(m));
            item.put(GSI1PK, s(managerKey(e.tenantId(), m)));
            item.put(GSI1SK, s(EMPLOYEE + e.employeeId()));
        });
        e.role().ifPresent(r -> item.put("role", s(r)));
        item.put("groups", AttributeValue.fromL(e.groups().stream().map(Table::s).toList()));
        if (e.identities().salesforceUserId() != null) {
            item.put("salesforceUserId", s(e.identities().salesforceUserId()));
        }
        if (e.identities().frontTeammateId() != null) {
            item.put("frontTeammateId", s(e.identities().frontTeammateId()));
        }
        item.put("active", AttributeValue.fromBool(e.active()));
        e.deactivatedAt().ifPresent(at -> item.put("deactivatedAt", s(at.toString())));
        item.put("version", n(e.version()));
        Map<String, AttributeValue> sources = new HashMap<>();
        e.sources().forEach((field, source) -> sources.put(field, s(source.id())));
        item.put("sources", AttributeValue.fromM(sources));
        e.erasedAt().ifPresent(at -> item.put("erasedAt", s(at.toString())));
        return item;
    }

    static Employee fromItem(Map<String, AttributeValue> item) {
        return new Employee(
                str(item, "tenantId"),
                str(item, "employeeId"),
                str(item, "name"),
                str(item, "email"),
                Optional.ofNullable(str(item, "managerId")),
                Optional.ofNullable(str(item, "role")),
                item.containsKey("groups") ? item.get("groups").l().stream().map(AttributeValue::s).toList() : List.of(),
                new Identities(str(item, "salesforceUserId"), str(item, "frontTeammateId")),
                item.get("active").bool(),
                Optional.ofNullable(str(item, "deactivatedAt")).map(Instant::parse),
                Long.parseLong(item.get("version").n()),
                sources(item.get("sources")),
                Optional.ofNullable(str(item, "erasedAt")).map(Instant::parse));
    }

    private static Map<String, FieldSource> sources(AttributeValue value) {
        Map<String, FieldSource> sources = new HashMap<>();
        if (value != null && value.hasM()) {
            value.m().forEach((field, source) -> sources.put(field, FieldSource.fromId(source.s())));
        }
        return sources;
    }
}
