package io.gristmill.directory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A person in a tenant's directory.
 *
 * @param role          their role (from Salesforce's role hierarchy, or set by an admin)
 * @param deactivatedAt when they left or were deactivated: their history stays, and work dated
 *                      from then on is no longer credited to them
 * @param version       increases with every change; used to refuse lost updates
 */
public record Employee(
        String tenantId,
        String employeeId,
        String name,
        String email,
        Optional<String> managerId,
        Optional<String> role,
        List<String> groups,
        Identities identities,
        boolean active,
        Optional<Instant> deactivatedAt,
        long version) {

    /** Whether work done at {@code when} is credited to this employee. */
    public boolean creditedAt(Instant when) {
        return deactivatedAt.map(when::isBefore).orElse(true);
    }
}
