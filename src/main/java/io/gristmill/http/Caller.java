package io.gristmill.http;

import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, from the JWT claims API Gateway has already verified.
 *
 * @param subject    the token's {@code sub}
 * @param tenantId   the caller's company
 * @param roles      e.g. {@code admin}, {@code manager}
 * @param employeeId the caller's own employee record, when the caller is an employee
 */
public record Caller(String subject, String tenantId, Set<String> roles, Optional<String> employeeId) {
    public static final String ADMIN = "admin";

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }

    /** A caller never sees another tenant: to them it does not exist. */
    public void requireTenant(String pathTenantId) {
        if (!tenantId.equals(pathTenantId)) {
            throw ApiException.notFound("No tenant " + pathTenantId);
        }
    }

    public void requireAdmin() {
        if (!isAdmin()) {
            throw ApiException.forbidden("This needs the admin role");
        }
    }
}
