package io.gristmill.erasure;

import java.util.NoSuchElementException;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.access.Refusal;
import io.gristmill.config.FunctionName;
import io.gristmill.config.GristmillConfig;
import io.gristmill.directory.EmployeeIds;
import io.gristmill.http.ApiResult;
import io.gristmill.http.RouteTable;
import io.gristmill.http.Routes;

/**
 * {@code DELETE /tenants/{tenantId}/employees/{employeeId}/data}: an admin erases one employee's
 * data (the {@code api} function; it needs no secret). 200 with what was erased when done, 202
 * with what was erased so far when the function's time ran out (send it again to continue).
 */
@ApplicationScoped
public class ErasureRoutes implements Routes {
    private final EmployeeErasure employees;
    private final GristmillConfig config;

    public ErasureRoutes(EmployeeErasure employees, GristmillConfig config) {
        this.employees = employees;
        this.config = config;
    }

    @Override
    public FunctionName function() {
        return FunctionName.API;
    }

    @Override
    public void register(RouteTable table) {
        table.add("DELETE", "/tenants/{tenantId}/employees/{employeeId}/data", (request, caller) -> {
            String tenantId = caller.adminOf(request.pathParameter("tenantId"));
            String employeeId = EmployeeIds.checked(request.pathParameter("employeeId"));
            try {
                EmployeeErasure.Erased erased = employees.erase(tenantId, employeeId, config.erasure().budget());
                return ApiResult.finishedOrAccepted(erased.finished(), erased);
            } catch (NoSuchElementException e) {
                throw Refusal.notFound("No employee " + employeeId);
            }
        });
    }
}
