package io.gristmill.directory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.access.Refusal;
import io.gristmill.config.FunctionName;
import io.gristmill.http.ApiResult;
import io.gristmill.http.JsonBodies;
import io.gristmill.http.RouteTable;
import io.gristmill.http.Routes;

/**
 * {@code GET /tenants/{tenantId}/employees} (paged with {@code limit} and {@code after}) and
 * {@code PUT /tenants/{tenantId}/employees/{employeeId}}; admins of that tenant only. A PUT may
 * carry {@code If-Match: <version>} to refuse overwriting a change made since it was read.
 */
@ApplicationScoped
public class DirectoryRoutes implements Routes {
    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 1000;

    private final EmployeeDirectory directory;
    private final IdentityLinks links;
    private final JsonBodies bodies;

    public DirectoryRoutes(EmployeeDirectory directory, IdentityLinks links, JsonBodies bodies) {
        this.directory = directory;
        this.links = links;
        this.bodies = bodies;
    }

    @Override
    public FunctionName function() {
        return FunctionName.API;
    }

    /** A page of the directory; {@code next} is the {@code after} of the next page (null on the last). */
    public record EmployeesPage(List<Employee> employees, String next) {
    }

    @Override
    public void register(RouteTable table) {
        registerIdentityLinks(table);
        table.add("GET", "/tenants/{tenantId}/employees", (request, caller) -> {
            String tenantId = caller.adminOf(request.pathParameter("tenantId"));
            int limit = request.queryParameter("limit").map(DirectoryRoutes::limit).orElse(DEFAULT_PAGE);
            Optional<String> after = request.queryParameter("after").map(DirectoryRoutes::employeeId);
            EmployeeDirectory.Page page = directory.list(tenantId, limit, after);
            return ApiResult.ok(new EmployeesPage(page.employees(), page.next().orElse(null)));
        });
        table.add("GET", "/tenants/{tenantId}/employees/{employeeId}", (request, caller) -> {
            String tenantId = caller.adminOf(request.pathParameter("tenantId"));
            String employeeId = employeeId(request.pathParameter("employeeId"));
            return directory.find(tenantId, employeeId).map(ApiResult::ok)
                    .orElseThrow(() -> Refusal.notFound("No employee " + employeeId));
        });
        table.add("PUT", "/tenants/{tenantId}/employees/{employeeId}", (request, caller) -> {
            String tenantId = caller.adminOf(request.pathParameter("tenantId"));
            String employeeId = employeeId(request.pathParameter("employeeId"));
            EmployeeInput input = bodies.read(request, EmployeeInput.class);
            Optional<Long> ifMatch = request.header("if-match").map(DirectoryRoutes::version);
            long expected = ifMatch.orElseGet(() -> directory.find(tenantId, employeeId).map(Employee::version).orElse(0L));
            try {
                Employee saved = directory.put(tenantId, employeeId, input, expected);
                return new ApiResult(expected == 0 ? 201 : 200, saved, "application/json",
                        Map.of("etag", "\"" + saved.version() + "\""));
            } catch (DirectoryConflictException e) {
                throw Refusal.conflict(e.getMessage());
            } catch (DirectoryValidationException e) {
                throw Refusal.invalid(e.getMessage());
            }
        });
    }

    private void registerIdentityLinks(RouteTable table) {
        table.add("GET", "/tenants/{tenantId}/identity-links", (request, caller) -> {
            String tenantId = caller.adminOf(request.pathParameter("tenantId"));
            return ApiResult.ok(Map.of("links", links.all(tenantId)));
        });
        table.add("POST", "/tenants/{tenantId}/identity-links/{provider}/{externalId}/approve", (request, caller) -> {
            String tenantId = caller.adminOf(request.pathParameter("tenantId"));
            try {
                return ApiResult.ok(links.approve(tenantId, provider(request), externalId(request), caller.subject()));
            } catch (DirectoryValidationException e) {
                throw Refusal.notFound(e.getMessage());
            } catch (DirectoryConflictException e) {
                throw Refusal.conflict(e.getMessage());
            }
        });
        table.add("POST", "/tenants/{tenantId}/identity-links/{provider}/{externalId}/reject", (request, caller) -> {
            String tenantId = caller.adminOf(request.pathParameter("tenantId"));
            try {
                return ApiResult.ok(links.reject(tenantId, provider(request), externalId(request), caller.subject()));
            } catch (DirectoryValidationException e) {
                throw Refusal.notFound(e.getMessage());
            }
        });
    }

    private static IdentityKind provider(io.gristmill.http.ApiRequest request) {
        String provider = request.pathParameter("provider");
        return IdentityKind.provider(provider).orElseThrow(() -> Refusal.invalid("provider must be salesforce or front"));
    }

    private static String externalId(io.gristmill.http.ApiRequest request) {
        String id = request.pathParameter("externalId");
        if (!id.matches("[A-Za-z0-9_]{1,64}")) {
            throw Refusal.invalid("externalId must be a Salesforce user id or a Front teammate id");
        }
        return id;
    }

    private static String employeeId(String value) {
        return EmployeeIds.checked(value);
    }

    private static int limit(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_PAGE) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Refusal.invalid("limit must be a whole number from 1 to " + MAX_PAGE);
    }

    private static long version(String value) {
        try {
            return Long.parseLong(value.replace("\"", "").replace("W/", "").trim());
        } catch (NumberFormatException e) {
            throw Refusal.invalid("If-Match must be an employee version such as \"3\"");
        }
    }
}
