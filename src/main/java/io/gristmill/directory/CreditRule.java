package io.gristmill.directory;

import java.time.Instant;
import java.util.Optional;

/**
 * Everything that decides who is credited with one external account's work, as read at one
 * moment: the employee the account is linked to (if any), since when the account is blocked (if
 * it is), and that employee — so that a function may keep it for a while (webhooks do).
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
}
