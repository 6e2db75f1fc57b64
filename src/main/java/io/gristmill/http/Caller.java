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

    /**
     * The {@code {tenantId}} of the request's path, once the caller is known to be an admin of it
     * (another tenant's path is a 404, a non-admin a 403).
     */
    public String adminOfPathTenant(ApiRequest request) {
        String tenantId = request.pathParameter("tenantId");
        requireTenant(tenantId);
        requireAdmin();
        return tenantId;
    }

    public void requireAdmin() {
        if (!isAdmin()) {
            throw ApiException.forbidden("This needs the admin role");
        }
    }
}
