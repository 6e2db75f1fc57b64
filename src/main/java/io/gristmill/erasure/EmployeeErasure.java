package io.gristmill.erasure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.DigestErasure;
import io.gristmill.aws.BatchDeleter;
import io.gristmill.directory.Employee;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.directory.IdentityLinks;
import io.gristmill.recap.Delegations;
import io.gristmill.recap.PromptTemplateStore;
import io.gristmill.recap.RecapStore;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Erases one employee's data on request: their activity (credited to them, and what their
 * accounts did while unattributed; taken out of conversation digests first), every version of their recaps, their prompt templates, who
 * could read their recaps (delegations, both ways, and the log), and proposed links naming them.
 * Their directory entry becomes a tombstone first (no name, no address, erased), so that from that
 * moment nothing is credited to them and no sync creates them again; their Salesforce and Front
 * account ids stay on it for that reason only. Runs within a time budget; running it again
 * continues where it stopped.
 */
@ApplicationScoped
public class EmployeeErasure {
    private static final Logger LOG = Logger.getLogger(EmployeeErasure.class);

    private final EmployeeDirectory directory;
    private final ActivityStore activities;
    private final RecapStore recaps;
    private final PromptTemplateStore templates;
    private final Delegations delegations;
    private final IdentityLinks links;
    private final BatchDeleter deleter;
    private final DigestErasure digests;
    private final Clock clock;

    public EmployeeErasure(EmployeeDirectory directory, ActivityStore activities, RecapStore recaps, PromptTemplateStore templates,
            Delegations delegations, IdentityLinks links, BatchDeleter deleter, DigestErasure digests, Clock clock) {
        this.digests = digests;
        this.directory = directory;
        this.activities = activities;
        this.recaps = recaps;
        this.templates = templates;
        this.delegations = delegations;
        this.links = links;
        this.deleter = deleter;
        this.clock = clock;
    }

    /** What was erased; {@code finished} false means: call again to erase the rest. */
    public record Erased(String employeeId, Instant erasedAt, boolean finished, int activities, int recapVersions, int templates,
            int delegations, int identityLinks) {
    }

    /** @throws java.util.NoSuchElementException when there is no such employee */
    public Erased erase(String tenantId, String employeeId, Duration budget) {
        Employee before = directory.find(tenantId, employeeId).orElseThrow();
        Instant erasedAt = before.erasedAt().orElse(clock.instant());
        directory.tombstone(tenantId, employeeId, erasedAt);
        Instant deadline = clock.instant().plus(budget);
        boolean throughDigests = digests.forget(activities.creditedTo(tenantId, employeeId), deadline);
        BatchDeleter.Deleted activity = throughDigests ? deleter.deleteQueried(activities.creditedTo(tenantId, employeeId), deadline)
                : new BatchDeleter.Deleted(0, false);
        if (activity.finished() && (before.identities().salesforceUserId() != null || before.identities().frontTeammateId() != null)) {
            QueryRequest theirs = activities.unattributedBy(tenantId, before.identities().salesforceUserId(), before.identities().frontTeammateId());
            activity = digests.forget(theirs, deadline) ? activity.plus(deleter.deleteQueried(theirs, deadline))
                    : activity.plus(new BatchDeleter.Deleted(0, false));
        }
        BatchDeleter.Deleted versions = deleter.deleteQueried(recaps.everything(tenantId, employeeId), deadline);
        BatchDeleter.Deleted owned = deleter.deleteQueried(templates.ownedBy(tenantId, employeeId), deadline);
        boolean finished = activity.finished() && versions.finished() && owned.finished();
        int grants = finished ? delegations.eraseFor(tenantId, employeeId) : 0;
        int proposed = finished ? links.eraseFor(tenantId, employeeId) : 0;
        LOG.infof("Erased employee %s of tenant %s: %d activities, %d recap versions, %d templates, %d delegation items, %d links%s",
                employeeId, tenantId, activity.items(), versions.items(), owned.items(), grants, proposed,
                finished ? "" : " (not finished: continues on the next call)");
        return new Erased(employeeId, erasedAt, finished, activity.items(), versions.items(), owned.items(), grants, proposed);
    }
}
