package io.gristmill.front;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.ConversationDigests;
import io.gristmill.directory.EmployeeDirectory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Puts Front activity stored before conversation digests existed into them, once per tenant, so
 * that recaps can read digests instead of each conversation's history: reads every timeline of
 * the tenant for activity not yet digested, and marks the tenant's digests complete after a pass
 * that found none (a pass that found some may have missed an activity whose credit moved meanwhile).
 * A tenant with nothing stored before is complete after its first, empty pass. Runs within a time
 * budget; the next run continues, skipping what is done.
 */
@ApplicationScoped
public class ConversationDigestBackfill {
    private static final Logger LOG = Logger.getLogger(ConversationDigestBackfill.class);

    private final DynamoDbClient dynamo;
    private final ConversationDigests digests;
    private final ActivityStore activities;
    private final EmployeeDirectory directory;
    private final Clock clock;

    public ConversationDigestBackfill(DynamoDbClient dynamo, ConversationDigests digests, ActivityStore activities, EmployeeDirectory directory,
            Clock clock) {
        this.dynamo = dynamo;
        this.digests = digests;
        this.activities = activities;
        this.directory = directory;
        this.clock = clock;
    }

    /** Whether the tenant's digests are complete (now or before); false: the deadline came first, run again. */
    public boolean run(String tenantId, Instant deadline) {
        if (digests.complete(tenantId)) {
            return true;
        }
        while (clock.instant().isBefore(deadline)) {
            int digested = pass(tenantId, deadline);
            if (digested < 0) {
                return false;
            }
            if (digested == 0) {
                digests.markComplete(tenantId);
                LOG.infof("Conversation digests of tenant %s are complete; recaps read them from now on", tenantId);
                return true;
            }
            LOG.infof("Put %d stored Front activities of tenant %s into conversation digests", digested, tenantId);
        }
        return false;
    }

    /** How many activities one pass put into digests; -1 when the deadline stopped it. */
    private int pass(String tenantId, Instant deadline) {
        List<QueryRequest> timelines = new ArrayList<>();
        directory.allIds(tenantId).forEach(e -> timelines.add(activities.creditedTo(tenantId, e)));
        timelines.add(activities.unattributed(tenantId));
        int digested = 0;
        for (QueryRequest timeline : timelines) {
            for (Map<String, AttributeValue> item : dynamo.queryPaginator(digests.undigested(timeline)).items()) {
                if (clock.instant().isAfter(deadline)) {
                    return -1;
                }
                digests.digestStored(item);
                digested++;
            }
        }
        return digested;
    }
}
