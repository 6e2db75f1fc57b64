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
 * @param sources       who last set each field ({@link #FIELDS}): an admin, or a provider's sync
 * @param erasedAt      when their data was erased on request: this is a tombstone that keeps their
 *                      accounts pointing here, so that no later work is credited to anyone
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
        long version,
        java.util.Map<String, FieldSource> sources,
        Optional<Instant> erasedAt) {

    /** The fields whose source is recorded. */
    public static final List<String> FIELDS = List.of("name", "email", "managerId", "role", "groups", "active", "salesforceUserId",
            "frontTeammateId");

    public Employee {
        sources = sources == null ? java.util.Map.of() : java.util.Map.copyOf(sources);
        erasedAt = erasedAt == null ? Optional.empty() : erasedAt;
    }

    public boolean erased() {
        return erasedAt.isPresent();
    }

    /** Who last set a field; fields recorded before sources were kept count as set by an admin. */
    public FieldSource sourceOf(String field) {
        return sources.getOrDefault(field, FieldSource.ADMIN);
    }

    /** The value of a tracked field, as compared when deciding whether it changed. */
    Object valueOf(String field) {
        return switch (field) {
            case "name" -> name;
            case "email" -> email;
            case "managerId" -> managerId.orElse(null);
            case "role" -> role.orElse(null);
            case "groups" -> new java.util.TreeSet<>(groups);
            case "active" -> active;
            case "salesforceUserId" -> identities.salesforceUserId();
            case "frontTeammateId" -> identities.frontTeammateId();
            default -> throw new IllegalArgumentException("Not a tracked field: " + field);
        };
    }

    /** Whether work done at {@code when} is credited to this employee (never, once erased). */
    public boolean creditedAt(Instant when) {
        return erasedAt.isEmpty() && deactivatedAt.map(when::isBefore).orElse(true);
    }
}
