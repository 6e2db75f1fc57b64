package io.gristmill.directory;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The body of {@code PUT /tenants/{tenantId}/employees/{employeeId}}: the whole record.
 * {@code active} defaults to true; deactivating without {@code deactivatedAt} means "now".
 */
public record EmployeeInput(
        String name,
        String email,
        String managerId,
        String role,
        List<String> groups,
        Identities identities,
        Boolean active,
        Instant deactivatedAt) {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    public EmployeeInput {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        if (name.length() > 200) {
            throw new IllegalArgumentException("name is longer than 200 characters");
        }
        if (email == null || !EMAIL.matcher(email).matches() || email.length() > 254) {
            throw new IllegalArgumentException("email is required and must be an e-mail address");
        }
        if (role != null && (role.isBlank() || role.length() > 120)) {
            throw new IllegalArgumentException("role must be 1-120 characters");
        }
        groups = groups == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(groups));
        for (String group : groups) {
            if (group == null || !GROUP.matcher(group).matches()) {
                throw new IllegalArgumentException("groups: '" + group + "' is not a valid group name");
            }
        }
        identities = identities == null ? Identities.NONE : identities;
        active = active == null ? Boolean.TRUE : active;
        if (active && deactivatedAt != null) {
            throw new IllegalArgumentException("deactivatedAt is only allowed when active is false");
        }
    }
}
