package io.gristmill.salesforce;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gristmill.directory.DirectoryConflictException;
import io.gristmill.directory.DirectoryValidationException;
import io.gristmill.directory.Employee;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.directory.EmployeeInput;
import io.gristmill.directory.Identities;
import io.gristmill.directory.IdentityKind;

/**
 * Keeps the directory in step with Salesforce users: a new user becomes an employee (or is linked
 * to the employee with the same e-mail), and a deactivated user's employee is deactivated as of
 * the user's last change, so that their later work is unattributed while their history stays.
 */
@ApplicationScoped
public class SalesforceUsers {
    private static final Logger LOG = Logger.getLogger(SalesforceUsers.class);

    private final EmployeeDirectory directory;

    public SalesforceUsers(EmployeeDirectory directory) {
        this.directory = directory;
    }

    public void apply(String tenantId, Map<String, Object> user) {
        String userId = String.valueOf(user.get("Id"));
        String email = user.get("Email") == null ? null : user.get("Email").toString();
        boolean active = !Boolean.FALSE.equals(user.get("IsActive"));
        Instant changedAt = SalesforceTime.parse(user.get("LastModifiedDate"));
        Optional<Employee> known = directory.findByIdentity(tenantId, IdentityKind.SALESFORCE, userId)
                .or(() -> email == null ? Optional.empty() : directory.findByIdentity(tenantId, IdentityKind.EMAIL, email));
        if (known.isEmpty() && (!active || email == null)) {
            return; // an inactive or address-less user nobody knows: nothing to credit, nothing to add
        }
        Optional<String> manager = Optional.ofNullable(user.get("ManagerId")).map(Object::toString)
                .flatMap(id -> directory.findByIdentity(tenantId, IdentityKind.SALESFORCE, id)).map(Employee::employeeId);
        try {
            if (known.isEmpty()) {
                directory.put(tenantId, "sf-" + userId, new EmployeeInput(String.valueOf(user.get("Name")), email,
                        manager.orElse(null), null, new Identities(userId, null), true, null), 0);
                return;
            }
            Employee e = known.get();
            boolean linkIdentity = !userId.equals(e.identities().salesforceUserId());
            boolean activeChanged = e.active() != active;
            boolean managerChanged = manager.isPresent() && !manager.equals(e.managerId());
            if (!linkIdentity && !activeChanged && !managerChanged) {
                return;
            }
            directory.put(tenantId, e.employeeId(), new EmployeeInput(e.name(), e.email(),
                    manager.or(e::managerId).filter(m -> !m.equals(e.employeeId())).orElse(null), e.groups(),
                    new Identities(userId, e.identities().frontTeammateId()), active,
                    active ? null : e.deactivatedAt().orElse(changedAt)), e.version());
        } catch (DirectoryConflictException | DirectoryValidationException | IllegalArgumentException e) {
            LOG.warnf("Salesforce user %s of tenant %s not applied to the directory: %s", userId, tenantId, e.getMessage());
        }
    }
}
