package io.gristmill.salesforce.objects;

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
import io.gristmill.directory.FieldSource;
import io.gristmill.directory.IdentityLinks;
import io.gristmill.directory.Identities;
import io.gristmill.directory.IdentityKind;
import io.gristmill.tenant.TenantSettingsStore;

/**
 * Keeps the directory in step with Salesforce: a new user becomes an employee (or, when an
 * employee has the same e-mail, a link proposed to an admin), manager and role follow
 * {@code ManagerId} and the user's role where no admin set them, a deactivated user's employee is
 * deactivated as of the user's last change (their later work is unattributed, their history
 * stays), and public group memberships become groups named {@code sf:<DeveloperName>} — replacing
 * only those, never groups an admin set.
 */
@ApplicationScoped
public class SalesforceUsers {
    public static final String GROUP_PREFIX = "sf:";
    private static final Logger LOG = Logger.getLogger(SalesforceUsers.class);

    private final EmployeeDirectory directory;
    private final IdentityLinks links;
    private final SalesforceNames names;
    private final TenantSettingsStore settings;

    public SalesforceUsers(EmployeeDirectory directory, IdentityLinks links, SalesforceNames names, TenantSettingsStore settings) {
        this.directory = directory;
        this.links = links;
        this.names = names;
        this.settings = settings;
    }

    public void apply(String tenantId, Map<String, Object> user) {
        apply(tenantId, user, settings.get(tenantId).settings().directory().providersOverrideAdmin());
    }

    /**
     * Applies one User row. A user already linked to an employee (by Salesforce user id) updates
     * that employee's manager, role and active state, except where an admin set them in Gristmill
     * (unless {@code overrideAdmin}); the identity itself never moves. A user nobody is linked to
     * whose e-mail an employee has is only proposed as a link, for an admin to approve: an e-mail
     * address proves nothing (two users can share one, and anyone who administers Salesforce users
     * can type any address). An unknown active user with an address becomes a new employee.
     */
    public void apply(String tenantId, Map<String, Object> user, boolean overrideAdmin) {
        String userId = String.valueOf(user.get("Id"));
        if (!isPerson(user)) {
            return; // Integration, Security, Chatter Expert, Automated Process, guest and portal users: not employees
        }
        String email = user.get("Email") == null ? null : user.get("Email").toString();
        boolean active = !Boolean.FALSE.equals(user.get("IsActive"));
        Instant changedAt = SalesforceTime.parse(user.get("LastModifiedDate"));
        try {
            Optional<Employee> linked = directory.findByIdentity(tenantId, IdentityKind.SALESFORCE, userId);
            if (linked.isEmpty()) {
                Optional<Employee> sameEmail = email == null ? Optional.empty() : directory.findByIdentity(tenantId, IdentityKind.EMAIL, email);
                if (sameEmail.isPresent()) {
                    links.propose(tenantId, IdentityKind.SALESFORCE, userId, sameEmail.get().employeeId(), email,
                            user.get("Name") == null ? null : user.get("Name").toString());
                } else if (active && email != null) {
                    directory.put(tenantId, "sf-" + userId, new EmployeeInput(String.valueOf(user.get("Name")), email,
                            manager(tenantId, user).orElse(null), role(tenantId, user).orElse(null), null, new Identities(userId, null),
                            true, null), 0, FieldSource.SALESFORCE);
                }
                return; // an inactive or address-less user nobody knows: nothing to credit, nothing to add
            }
            Employee e = linked.get();
            if (e.erased()) {
                return; // erased on request: the tombstone stays as it is
            }
            Optional<String> manager = manager(tenantId, user).filter(m -> overrideAdmin || e.sourceOf("managerId") != FieldSource.ADMIN);
            Optional<String> role = role(tenantId, user).filter(r -> overrideAdmin || e.sourceOf("role") != FieldSource.ADMIN);
            boolean newActive = overrideAdmin || e.sourceOf("active") != FieldSource.ADMIN ? active : e.active();
            boolean unchanged = e.active() == newActive && (manager.isEmpty() || manager.equals(e.managerId()))
                    && (role.isEmpty() || role.equals(e.role()));
            if (!unchanged) {
                save(tenantId, e, manager.or(e::managerId), role.or(e::role), e.groups(), newActive,
                        newActive ? null : e.deactivatedAt().orElse(changedAt));
            }
        } catch (DirectoryConflictException | DirectoryValidationException | IllegalArgumentException e) {
            LOG.warnf("Salesforce user %s of tenant %s not applied to the directory: %s", userId, tenantId, e.getMessage());
        }
    }

    /**
     * Whether a User row is a person of the company. Real orgs list system users as active users
     * with addresses: site guest, portal and community users, Chatter Expert and Automated Process
     * have their own {@code UserType}; the Integration User and Security User (Analytics) are
     * {@code Standard} but carry a username Salesforce generates from the org id
     * ({@code integration@00d…}, {@code insightssecurity@00d…}, {@code autoproc@00d…},
     * {@code chatty.00d…}). Their work stays unattributed. Without {@code UserType} (an org whose
     * describe lacks it) only the username is checked.
     */
    static boolean isPerson(Map<String, Object> user) {
        Object type = user.get("UserType");
        if (type != null && !"Standard".equals(type.toString())) {
            return false;
        }
        Object username = user.get("Username");
        return username == null || !SYSTEM_USERNAME.matcher(username.toString().toLowerCase(java.util.Locale.ROOT)).matches();
    }

    private static final java.util.regex.Pattern SYSTEM_USERNAME = java.util.regex.Pattern.compile(
            "(?:(?:integration|insightssecurity|autoproc)@00d[a-z0-9]{12,15}(?:\\..*)?|chatty\\.00d[a-z0-9]{12,15}\\..*)");

    /**
     * Users in an order in which everyone's manager comes before them (where the manager is among
     * them), so that one pass sets every manager: the directory is applied once per poll.
     */
    static List<Map<String, Object>> managersFirst(List<Map<String, Object>> users) {
        Map<String, Map<String, Object>> byId = new java.util.LinkedHashMap<>();
        users.forEach(user -> byId.put(String.valueOf(user.get("Id")), user)); // the latest row of a user wins
        List<Map<String, Object>> ordered = new ArrayList<>();
        Set<String> placed = new java.util.HashSet<>();
        while (ordered.size() < byId.size()) {
            int before = ordered.size();
            for (Map<String, Object> user : byId.values()) {
                String id = String.valueOf(user.get("Id"));
                Object manager = user.get("ManagerId");
                if (!placed.contains(id) && (manager == null || !byId.containsKey(manager.toString()) || placed.contains(manager.toString()))) {
                    ordered.add(user);
                    placed.add(id);
                }
            }
            if (ordered.size() == before) { // a cycle of managers: the rest in their order
                byId.values().stream().filter(u -> !placed.contains(String.valueOf(u.get("Id")))).forEach(ordered::add);
                break;
            }
        }
        return ordered;
    }

    private Optional<String> manager(String tenantId, Map<String, Object> user) {
        return Optional.ofNullable(user.get("ManagerId")).map(Object::toString)
                .flatMap(id -> directory.findByIdentity(tenantId, IdentityKind.SALESFORCE, id)).map(Employee::employeeId);
    }

    private Optional<String> role(String tenantId, Map<String, Object> user) {
        return names.get(tenantId, "role", user.get("UserRoleId") == null ? null : user.get("UserRoleId").toString());
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
                if (userId == null || e.erased()) {
                    continue;
                }
                List<String> groups = new ArrayList<>(e.groups().stream().filter(g -> !g.startsWith(GROUP_PREFIX)).toList());
                groups.addAll(groupsByUser.getOrDefault(userId, Set.of()));
                if (!new TreeSet<>(groups).equals(new TreeSet<>(e.groups()))) {
                    try {
                        save(tenantId, e, e.managerId(), e.role(), groups, e.active(), e.deactivatedAt().orElse(null));
                    } catch (DirectoryConflictException | DirectoryValidationException | IllegalArgumentException conflict) {
                        LOG.warnf("Salesforce groups of employee %s (tenant %s) not applied: %s", e.employeeId(), tenantId, conflict.getMessage());
                    }
                }
            }
            after = page.next();
        } while (after.isPresent());
    }

    private void save(String tenantId, Employee e, Optional<String> manager, Optional<String> role, List<String> groups,
            boolean active, Instant deactivatedAt) {
        directory.put(tenantId, e.employeeId(), new EmployeeInput(e.name(), e.email(),
                manager.filter(m -> !m.equals(e.employeeId())).orElse(null), role.orElse(null), groups,
                e.identities(), active, active ? null : deactivatedAt), e.version(), FieldSource.SALESFORCE);
    }
}
