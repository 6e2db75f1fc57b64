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
import io.gristmill.directory.FieldSource;
import io.gristmill.directory.IdentityLinks;
import io.gristmill.directory.IdentityKind;
import io.gristmill.directory.Identities;

/**
 * Keeps the directory in step with Front's teammates ({@code GET /teammates}, every page). Only
 * {@code type: user} teammates count (not bots or visitors). A new teammate becomes an employee,
 * or, when an employee has the same e-mail, a link proposed to an admin. {@code is_blocked} blocks
 * the teammate's Front identity from the moment it is first seen blocked: their later Front work
 * is unattributed, their history stays, and an employee Front created is deactivated too (one an
 * admin or Salesforce created keeps the state they give it).
 */
@ApplicationScoped
public class FrontTeammates {
    private static final Logger LOG = Logger.getLogger(FrontTeammates.class);
    /**
     * How often one page token may come back before the pages count as looping: an empty page may
     * point to itself once while Front catches up, a looping {@code _pagination.next} forever.
     */
    static final int MAX_SAME_PAGE = 3;

    private final FrontClient client;
    private final EmployeeDirectory directory;
    private final IdentityLinks links;
    private final java.time.Clock clock;

    public FrontTeammates(FrontClient client, EmployeeDirectory directory, IdentityLinks links, java.time.Clock clock) {
        this.client = client;
        this.directory = directory;
        this.links = links;
        this.clock = clock;
    }

    /**
     * Reads every teammate page, within the run's deadline and while the rate-limit reserve lasts,
     * and stops when page tokens repeat (a looping {@code _pagination.next}); returns how many
     * were seen, or throws {@link TeammatesUnfinishedException} saying why it stopped early.
     *
     * @param overrideAdmin the tenant's directory choice (Front may change what an admin set), as read for this run
     */
    public int sync(String tenantId, boolean overrideAdmin, String token, FrontRateMeter meter, Instant now, Instant deadline, double reserve) {
        int seen = 0;
        Optional<String> page = Optional.empty();
        java.util.Map<String, Integer> tokens = new java.util.HashMap<>();
        do {
            if (clock.instant().isAfter(deadline)) {
                throw new TeammatesUnfinishedException("the deadline was reached while reading teammates");
            }
            if (meter.belowReserve(reserve)) {
                throw new TeammatesUnfinishedException("paused to leave Front's rate limit to others (" + meter.describe() + ")");
            }
            FrontPage teammates = client.teammates(token, page, meter);
            for (JsonNode teammate : teammates.results()) {
                seen++;
                apply(tenantId, teammate, now, overrideAdmin);
            }
            page = teammates.nextPageToken();
            if (page.isPresent() && tokens.merge(page.get(), 1, Integer::sum) > MAX_SAME_PAGE) {
                throw new TeammatesUnfinishedException("Front's teammate pages repeat (page token seen before)");
            }
        } while (page.isPresent());
        return seen;
    }

    /** The teammate list could not be read to its end in this run. */
    public static class TeammatesUnfinishedException extends RuntimeException {
        public TeammatesUnfinishedException(String message) {
            super(message);
        }
    }

    void apply(String tenantId, JsonNode teammate, Instant now, boolean overrideAdmin) {
        String id = teammate.path("id").asText("");
        String type = teammate.path("type").asText("user");
        if (id.isEmpty() || !"user".equals(type)) {
            return;
        }
        String email = teammate.path("email").isTextual() ? teammate.path("email").asText() : null;
        boolean blocked = teammate.path("is_blocked").asBoolean(false);
        try {
            if (blocked) {
                directory.blockIdentity(tenantId, IdentityKind.FRONT, id, now);
            } else if (directory.blockedBy(tenantId, IdentityKind.FRONT, id, now)) {
                directory.unblockIdentity(tenantId, IdentityKind.FRONT, id);
            }
            Optional<Employee> linked = directory.findByIdentity(tenantId, IdentityKind.FRONT, id);
            if (linked.isEmpty()) {
                Optional<Employee> sameEmail = email == null ? Optional.empty() : directory.findByIdentity(tenantId, IdentityKind.EMAIL, email);
                if (sameEmail.isPresent()) {
                    // An e-mail address proves nothing: the link waits for an admin.
                    links.propose(tenantId, IdentityKind.FRONT, id, sameEmail.get().employeeId(), email, name(teammate, email));
                } else if (!blocked && email != null) {
                    directory.put(tenantId, "front-" + id, new EmployeeInput(name(teammate, email), email, null, null, null,
                            new Identities(null, id), true, null), 0, FieldSource.FRONT);
                }
                return;
            }
            // Only an employee whose active state Front set (one Front created) follows is_blocked;
            // the block above already keeps anyone's later Front work unattributed.
            Employee e = linked.get();
            if (e.erased()) {
                return; // erased on request: the tombstone stays as it is
            }
            boolean followsFront = e.sourceOf("active") == FieldSource.FRONT || (overrideAdmin && e.identities().salesforceUserId() == null);
            boolean active = followsFront ? !blocked : e.active();
            if (active != e.active()) {
                directory.put(tenantId, e.employeeId(), new EmployeeInput(e.name(), e.email(), e.managerId().orElse(null),
                        e.role().orElse(null), e.groups(), e.identities(), active, active ? null : e.deactivatedAt().orElse(now)), e.version(),
                        FieldSource.FRONT);
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
