package io.gristmill.salesforce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

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
 * Keeps the directory in step with Salesforce: a new user becomes an employee (or is linked to the
 * employee with the same e-mail), manager and role follow {@code ManagerId} and the user's role, a
 * deactivated user's employee is deactivated as of the user's last change (their later work is
 * unattributed, their history stays), and public group memberships become groups named
 * {@code sf:<DeveloperName>} — replacing only those, never groups an admin set.
 */
@ApplicationScoped
public class SalesforceUsers {
    public static final String GROUP_PREFIX = "sf:";
    private static final Logger LOG = Logger.getLogger(SalesforceUsers.class);

    private final EmployeeDirectory directory;
    private final SalesforceNames names;

    public SalesforceUsers(EmployeeDirectory directory, SalesforceNames names) {
        this.directory = directory;
        this.names = names;
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
        Optional<String> role = names.get(tenantId, "role", user.get("UserRoleId") == null ? null : user.get("UserRoleId").toString());
        try {
            if (known.isEmpty()) {
                directory.put(tenantId, "sf-" + userId, new EmployeeInput(String.valueOf(user.get("Name")), email,
                        manager.orElse(null), role.orElse(null), null, new Identities(userId, null), true, null), 0);
                return;
            }
            Employee e = known.get();
            boolean unchanged = userId.equals(e.identities().salesforceUserId()) && e.active() == active
                    && (manager.isEmpty() || manager.equals(e.managerId())) && (role.isEmpty() || role.equals(e.role()));
            if (!unchanged) {
                save(tenantId, e, userId, manager.or(e::managerId), role.or(e::role), e.groups(), active,
                        active ? null : e.deactivatedAt().orElse(changedAt));
            }
        } catch (DirectoryConflictException | DirectoryValidationException | IllegalArgumentException e) {
            LOG.warnf("Salesforce user %s of tenant %s not applied to the directory: %s", userId, tenantId, e.getMessage());
        }
    }

    /**
     * Applies a full snapshot of group memberships: every employee linked to a Salesforce user gets
     * exactly the {@code sf:} groups the snapshot lists for that user.
     */
    public void applyMemberships(String tenantId, List<Map<String, Object>> memberships) {
        Map<String, Set<String>> groupsByUser = new HashMap<>();
        Map<String, Optional<String>> groupNames = new HashMap<>();
        for (Map<String, Object> member : memberships) {
            String userOrGroup = String.valueOf(member.get("UserOrGroupId"));
            if (!userOrGroup.startsWith("005")) {
                continue; // nested groups and roles are not followed
            }
            String groupId = String.valueOf(member.get("GroupId"));
            groupNames.computeIfAbsent(groupId, id -> names.get(tenantId, "group", id))
                    .ifPresent(name -> groupsByUser.computeIfAbsent(userOrGroup, u -> new TreeSet<>()).add(GROUP_PREFIX + name));
        }
        Optional<String> after = Optional.empty();
        do {
            EmployeeDirectory.Page page = directory.list(tenantId, 500, after);
            for (Employee e : page.employees()) {
                String userId = e.identities().salesforceUserId();
                if (userId == null) {
                    continue;
                }
                List<String> groups = new ArrayList<>(e.groups().stream().filter(g -> !g.startsWith(GROUP_PREFIX)).toList());
                groups.addAll(groupsByUser.getOrDefault(userId, Set.of()));
                if (!new TreeSet<>(groups).equals(new TreeSet<>(e.groups()))) {
                    try {
                        save(tenantId, e, userId, e.managerId(), e.role(), groups, e.active(), e.deactivatedAt().orElse(null));
                    } catch (DirectoryConflictException | DirectoryValidationException | IllegalArgumentException conflict) {
                        LOG.warnf("Salesforce groups of employee %s (tenant %s) not applied: %s", e.employeeId(), tenantId, conflict.getMessage());
                    }
                }
            }
            after = page.next();
        } while (after.isPresent());
    }

    private void save(String tenantId, Employee e, String userId, Optional<String> manager, Optional<String> role, List<String> groups,
            boolean active, Instant deactivatedAt) {
        directory.put(tenantId, e.employeeId(), new EmployeeInput(e.name(), e.email(),
                manager.filter(m -> !m.equals(e.employeeId())).orElse(null), role.orElse(null), groups,
                new Identities(userId, e.identities().frontTeammateId()), active, active ? null : deactivatedAt), e.version());
    }
}
