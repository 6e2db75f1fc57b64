package io.gristmill.recap;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.directory.Employee;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.http.ApiException;
import io.gristmill.http.Caller;

/**
 * Who reads what. Employees read and confirm their own recaps; managers anywhere above an employee
 * in the directory's manager chain read that employee's confirmed recaps, and so does the manager
 * recorded at confirmation after a reorganisation; admins read confirmed recaps of everyone.
 * Nobody sees another tenant: the tenant comes from the caller's token.
 */
@ApplicationScoped
public class RecapAccess {
    /** A manager chain longer than this is treated as broken (or a cycle) and ends there. */
    static final int MAX_CHAIN = 12;

    private final EmployeeDirectory directory;

    public RecapAccess(EmployeeDirectory directory) {
        this.directory = directory;
    }

    /** The employee in the caller's tenant, or 404. */
    public Employee employee(Caller caller, String employeeId) {
        return directory.find(caller.tenantId(), employeeId)
                .orElseThrow(() -> ApiException.notFound("No employee " + employeeId));
    }

    public boolean isSelf(Caller caller, Employee employee) {
        return caller.employeeId().filter(employee.employeeId()::equals).isPresent();
    }

    /** Whether the caller is the employee's manager, their manager's manager, and so on. */
    public boolean managesTransitively(Caller caller, Employee employee) {
        if (caller.employeeId().isEmpty()) {
            return false;
        }
        String me = caller.employeeId().get();
        Set<String> seen = new HashSet<>();
        Optional<String> manager = employee.managerId();
        while (manager.isPresent() && seen.add(manager.get()) && seen.size() <= MAX_CHAIN) {
            if (manager.get().equals(me)) {
                return true;
            }
            manager = directory.find(caller.tenantId(), manager.get()).flatMap(Employee::managerId);
        }
        return false;
    }

    /** Confirmed recaps: admins, the employee, their manager chain, and the manager recorded on that recap. */
    public boolean mayReadConfirmed(Caller caller, Employee employee, Recap confirmed, boolean inChain) {
        return caller.isAdmin() || isSelf(caller, employee) || inChain
                || (confirmed.managerId() != null && caller.employeeId().filter(confirmed.managerId()::equals).isPresent());
    }

    public void requireSelf(Caller caller, Employee employee, String what) {
        if (!isSelf(caller, employee)) {
            throw ApiException.forbidden("Only " + employee.employeeId() + " can " + what + " their recap");
        }
    }
}
