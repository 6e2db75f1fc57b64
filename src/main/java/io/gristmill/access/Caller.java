package io.gristmill.access;

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
    /**
     * What a tenant id may be: it becomes part of table keys ({@code T#<tenant>#...}) and secret
     * names, so a '#' or '/' in it could reach another tenant's items. The same rule as secret names.
     */
    public static final java.util.regex.Pattern TENANT_ID = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** What an employee id may be (in paths and claims): 1-128 letters, digits, '_', '.', '@' or '-'. */
    public static final java.util.regex.Pattern EMPLOYEE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_.@-]{1,128}");

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }

    /** A caller never sees another tenant: to them it does not exist. */
    public void requireTenant(String pathTenantId) {
        if (!tenantId.equals(pathTenantId)) {
            throw Refusal.notFound("No tenant " + pathTenantId);
        }
    }

    /** The tenant {@code tenantId}, once the caller is known to be an admin of it (another tenant's is a 404, a non-admin a 403). */
    public String adminOf(String tenantId) {
        requireTenant(tenantId);
        requireAdmin();
        return tenantId;
    }

    public void requireAdmin() {
        if (!isAdmin()) {
            throw Refusal.notAllowed("This needs the admin role");
        }
    }
}
