package io.gristmill.directory;

import static io.gristmill.aws.Table.tenantKey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.gristmill.aws.Guard;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Everything that decides who is credited with one external account's work, as read at one
 * moment: the employee the account is linked to (if any), since when the account is blocked (if
 * it is), and that employee. A cache may keep it, as long as the write it leads to carries
 * {@link #guards()}: they fail the write when any of the three changed since.
 */
public record CreditRule(String tenantId, IdentityKind kind, String externalId, Optional<String> linkedTo, Optional<Instant> blockedAt,
        Optional<Employee> employee) {

    /** The employee credited with this account's work at {@code when}, or empty (unattributed). */
    public Optional<String> creditAt(Instant when) {
        if (linkedTo.isEmpty()) {
            return Optional.empty();
        }
        if (blockedAt.map(at -> !at.isAfter(when)).orElse(false)) {
            return Optional.empty();
        }
        return employee.filter(e -> e.creditedAt(when)).map(Employee::employeeId);
    }

    /** Conditions that hold while the link, the block and the employee are as read here. */
    public List<Guard> guards() {
        String pk = tenantKey(tenantId);
        String what = "credit of " + kind.id() + " " + externalId;
        List<Guard> guards = new ArrayList<>();
        String link = EmployeeItems.identitySortKey(kind, externalId);
        guards.add(linkedTo.map(id -> Guard.equal(what, pk, link, "employeeId", AttributeValue.fromS(id)))
                .orElseGet(() -> Guard.absent(what, pk, link)));
        if (linkedTo.isEmpty()) {
            return guards;
        }
        String block = EmployeeDirectory.blockedSortKey(kind, externalId);
        if (kind != IdentityKind.EMAIL) {
            guards.add(blockedAt.map(at -> Guard.equal(what, pk, block, "blockedAt", AttributeValue.fromS(at.toString())))
                    .orElseGet(() -> Guard.absent(what, pk, block)));
        }
        String person = EmployeeItems.EMPLOYEE + linkedTo.get();
        guards.add(employee.map(e -> Guard.equal(what, pk, person, "version", AttributeValue.fromN(Long.toString(e.version()))))
                .orElseGet(() -> Guard.absent(what, pk, person)));
        return guards;
    }
}
