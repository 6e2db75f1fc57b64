package io.gristmill.recap;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.access.Refusal;
import io.gristmill.config.FunctionName;
import io.gristmill.directory.Employee;
import io.gristmill.directory.EmployeeIds;
import io.gristmill.http.ApiResult;
import io.gristmill.access.Caller;
import io.gristmill.http.JsonBodies;
import io.gristmill.http.RouteTable;
import io.gristmill.http.Routes;

/**
 * {@code /employees/{employeeId}/delegates}: who besides the manager chain reads an employee's
 * confirmed recaps. Granted and revoked by the employee's managers or an admin; listed (with the
 * log of every change: who, when) for those and for the employee themselves.
 */
@ApplicationScoped
public class DelegationRoutes implements Routes {
    private final Delegations delegations;
    private final RecapAccess access;
    private final JsonBodies bodies;

    public DelegationRoutes(Delegations delegations, RecapAccess access, JsonBodies bodies) {
        this.delegations = delegations;
        this.access = access;
        this.bodies = bodies;
    }

    /** Body of a grant: why, for the log (optional). */
    public record GrantRequest(String reason) {
        public GrantRequest {
            if (reason != null && (reason.isBlank() || reason.length() > 200)) {
                throw new IllegalArgumentException("reason must be 1-200 characters");
            }
        }
    }

    @Override
    public FunctionName function() {
        return FunctionName.API;
    }

    /** An employee's delegates and the log of grants and revocations. */
    public record Delegates(String employeeId, List<Delegations.Delegation> delegates, List<Delegations.Change> log) {
    }

    @Override
    public void register(RouteTable table) {
        table.add("GET", "/employees/{employeeId}/delegates", (request, caller) -> {
            Employee employee = access.employee(caller, EmployeeIds.checked(request.pathParameter("employeeId")));
            if (!access.isSelf(caller, employee)) {
                requireManagerOrAdmin(caller, employee, "see");
            }
            return ApiResult.ok(new Delegates(employee.employeeId(), delegations.of(caller.tenantId(), employee.employeeId()),
                    delegations.log(caller.tenantId(), employee.employeeId())));
        });
        table.add("PUT", "/employees/{employeeId}/delegates/{delegateId}", (request, caller) -> {
            Employee employee = access.employee(caller, EmployeeIds.checked(request.pathParameter("employeeId")));
            String delegateId = EmployeeIds.checked(request.pathParameter("delegateId"));
            GrantRequest grant = request.body().length == 0 ? new GrantRequest(null) : bodies.read(request, GrantRequest.class);
            requireManagerOrAdmin(caller, employee, "grant");
            if (delegateId.equals(employee.employeeId())) {
                throw Refusal.invalid("An employee always reads their own recaps; delegate to someone else");
            }
            Employee delegate = access.employee(caller, delegateId);
            if (!delegate.active()) {
                throw Refusal.invalid(delegateId + " is deactivated and cannot receive access");
            }
            Delegations.Granted granted = delegations.grant(caller.tenantId(), employee.employeeId(), delegateId, by(caller), grant.reason());
            return granted.created() ? ApiResult.created(granted.delegation()) : ApiResult.ok(granted.delegation());
        });
        table.add("DELETE", "/employees/{employeeId}/delegates/{delegateId}", (request, caller) -> {
            Employee employee = access.employee(caller, EmployeeIds.checked(request.pathParameter("employeeId")));
            String delegateId = EmployeeIds.checked(request.pathParameter("delegateId"));
            requireManagerOrAdmin(caller, employee, "revoke");
            delegations.revoke(caller.tenantId(), employee.employeeId(), delegateId, by(caller));
            return ApiResult.noContent();
        });
    }

    private void requireManagerOrAdmin(Caller caller, Employee employee, String what) {
        if (!caller.isAdmin() && !access.managesTransitively(caller, employee)) {
            throw Refusal.notAllowed("Only " + employee.employeeId() + "'s managers and admins can " + what
                    + " who reads their recaps");
        }
    }

    /** Who made a change, as the log shows it: their employee id when they have one, else the token's subject. */
    private static String by(Caller caller) {
        return caller.employeeId().orElse(caller.subject());
    }
}
