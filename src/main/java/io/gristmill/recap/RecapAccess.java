package io.gristmill.recap;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.access.Refusal;
import io.gristmill.directory.Employee;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.access.Caller;

/**
 * Who reads what. Employees read and confirm their own recaps. Someone else reads an employee's
 * <em>confirmed</em> recaps only when they are above the employee in the directory's manager
 * chain, were their manager when that recap was confirmed, or hold a recorded delegation for
 * them ({@link Delegations}). Being an admin grants no read access: admins connect tools and
 * change settings, and can grant themselves a delegation, which is logged and shown to the
 * employee. Nobody sees another tenant: the tenant comes from the caller's token.
 */
@ApplicationScoped
public class RecapAccess {
    /** A manager chain longer than this is treated as broken (or a cycle) and ends there. */
    static final int MAX_CHAIN = 12;

    private final EmployeeDirectory directory;
    private final Delegations delegations;

    public RecapAccess(EmployeeDirectory directory, Delegations delegations) {
        this.directory = directory;
        this.delegations = delegations;
    }

    /** The employee in the caller's tenant, or 404. */
    public Employee employee(Caller caller, String employeeId) {
        return directory.find(caller.tenantId(), employeeId)
                .orElseThrow(() -> Refusal.notFound("No employee " + employeeId));
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

    /** Whether the caller holds a recorded delegation to read this employee's confirmed recaps. */
    public boolean isDelegate(Caller caller, Employee employee) {
        return caller.employeeId().filter(me -> !me.equals(employee.employeeId()))
                .map(me -> delegations.isDelegate(caller.tenantId(), employee.employeeId(), me)).orElse(false);
    }

    /** Manager chain or delegation: may read every confirmed recap of the employee. */
    public boolean readsConfirmed(Caller caller, Employee employee) {
        return (managesTransitively(caller, employee) || isDelegate(caller, employee)) && !callerErased(caller);
    }

    /** Someone whose data was erased reads nobody's recaps, whatever still names them (a report's manager, a recap). */
    private boolean callerErased(Caller caller) {
        return caller.employeeId().flatMap(me -> directory.find(caller.tenantId(), me)).map(Employee::erased).orElse(false);
    }

    /**
     * One confirmed recap: the employee, anyone who {@link #readsConfirmed reads their confirmed
     * recaps}, and the manager recorded on that recap when it was confirmed.
     */
    public boolean mayReadConfirmed(Caller caller, Employee employee, Recap confirmed, boolean readsConfirmed) {
        return isSelf(caller, employee) || readsConfirmed
                || (confirmed.managerId() != null && caller.employeeId().filter(confirmed.managerId()::equals).isPresent()
                        && !callerErased(caller));
    }

    public void requireSelf(Caller caller, Employee employee, String what) {
        if (!isSelf(caller, employee)) {
            throw Refusal.notAllowed("Only " + employee.employeeId() + " can " + what + " their recap");
        }
    }
}
