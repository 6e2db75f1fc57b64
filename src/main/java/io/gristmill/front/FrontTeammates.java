package io.gristmill.front;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.gristmill.directory.DirectoryConflictException;
import io.gristmill.directory.DirectoryValidationException;
import io.gristmill.directory.Employee;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.directory.EmployeeInput;
import io.gristmill.directory.IdentityKind;
import io.gristmill.directory.Identities;

/**
 * Keeps the directory in step with Front's teammates ({@code GET /teammates}, every page). Only
 * {@code type: user} teammates count (not bots or visitors). A new teammate is linked to the
 * employee with the same e-mail, or becomes an employee. {@code is_blocked} blocks the teammate's
 * Front identity from the moment it is first seen blocked: their later Front work is
 * unattributed, their history stays, and an employee Front alone knows is deactivated too (one
 * also in Salesforce keeps the state Salesforce gives them).
 */
@ApplicationScoped
public class FrontTeammates {
    private static final Logger LOG = Logger.getLogger(FrontTeammates.class);

    private final FrontClient client;
    private final EmployeeDirectory directory;

    public FrontTeammates(FrontClient client, EmployeeDirectory directory) {
        this.client = client;
        this.directory = directory;
    }

    /** Reads every teammate; returns how many were seen. */
    public int sync(String tenantId, String token, FrontRateMeter meter, Instant now) {
        int seen = 0;
        Optional<String> page = Optional.empty();
        do {
            FrontPage teammates = client.teammates(token, page, meter);
            for (JsonNode teammate : teammates.results()) {
                seen++;
                apply(tenantId, teammate, now);
            }
            page = teammates.nextPageToken();
        } while (page.isPresent());
        return seen;
    }

    void apply(String tenantId, JsonNode teammate, Instant now) {
        String id = teammate.path("id").asText("");
        String type = teammate.path("type").asText("user");
        if (id.isEmpty() || !"user".equals(type)) {
            return;
        }
        String email = teammate.path("email").isTextual() ? teammate.path("email").asText() : null;
        boolean blocked = teammate.path("is_blocked").asBoolean(false);
        try {
            Optional<Employee> known = directory.findByIdentity(tenantId, IdentityKind.FRONT, id)
                    .or(() -> email == null ? Optional.empty() : directory.findByIdentity(tenantId, IdentityKind.EMAIL, email));
            if (blocked) {
                directory.blockIdentity(tenantId, IdentityKind.FRONT, id, now);
            } else if (directory.blockedBy(tenantId, IdentityKind.FRONT, id, now)) {
                directory.unblockIdentity(tenantId, IdentityKind.FRONT, id);
            }
            if (known.isEmpty()) {
                if (!blocked && email != null) {
                    directory.put(tenantId, "front-" + id, new EmployeeInput(name(teammate, email), email, null, null, null,
                            new Identities(null, id), true, null), 0);
                }
                return;
            }
            Employee e = known.get();
            boolean frontOnly = e.identities().salesforceUserId() == null;
            boolean active = frontOnly ? !blocked : e.active();
            if (!id.equals(e.identities().frontTeammateId()) || active != e.active()) {
                directory.put(tenantId, e.employeeId(), new EmployeeInput(e.name(), e.email(), e.managerId().orElse(null),
                        e.role().orElse(null), e.groups(), new Identities(e.identities().salesforceUserId(), id), active,
                        active ? null : e.deactivatedAt().orElse(now)), e.version());
            }
        } catch (DirectoryConflictException | DirectoryValidationException | IllegalArgumentException e) {
            LOG.warnf("Front teammate %s of tenant %s not applied to the directory: %s", id, tenantId, e.getMessage());
        }
    }

    private static String name(JsonNode teammate, String email) {
        String name = (teammate.path("first_name").asText("") + " " + teammate.path("last_name").asText("")).trim();
        if (name.isEmpty()) {
            name = teammate.path("username").asText("");
        }
        return name.isEmpty() ? email : name;
    }
}
