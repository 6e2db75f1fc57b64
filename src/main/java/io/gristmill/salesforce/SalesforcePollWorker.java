package io.gristmill.salesforce;

import java.time.Clock;
import java.time.Instant;

import org.jboss.logging.Logger;

import io.gristmill.sync.SyncCursorStore;
import io.gristmill.work.Job;
import io.gristmill.work.WorkMetrics;
import io.gristmill.work.WorkOrder;
import io.gristmill.work.WorkQueue;
import io.quarkus.funqy.Funq;

/**
 * The {@code salesforce-poll-worker} Lambda: polls one tenant per message of the poll queue. A
 * tenant no longer connected is done (nothing to retry); a poll that fails throws, so that SQS
 * redelivers that message alone and, after a few tries, parks it in the dead-letter queue; a poll
 * that stopped at its deadline with work left (a backfill) enqueues its own continuation (one that
 * stopped at the org's API budget waits for the next schedule).
 */
public class SalesforcePollWorker {
    private static final Logger LOG = Logger.getLogger(SalesforcePollWorker.class);

    private final SalesforcePoller poller;
    private final SyncCursorStore cursors;
    private final WorkQueue queue;
    private final WorkMetrics metrics;
    private final Clock clock;

    public SalesforcePollWorker(SalesforcePoller poller, SyncCursorStore cursors, WorkQueue queue, WorkMetrics metrics, Clock clock) {
        this.poller = poller;
        this.cursors = cursors;
        this.queue = queue;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Funq("salesforce-poll-worker")
    public void salesforcePollWorker(WorkOrder order) {
        order.requireJob(Job.SALESFORCE_POLL);
        Instant started = clock.instant();
        PollReport report;
        try {
            report = poller.poll(order.tenantId());
        } catch (ConnectionNeedsReauthException | NotConnectedException e) {
            LOG.infof("Salesforce poll of tenant %s skipped: %s", order.tenantId(), e.getMessage());
            return;
        }
        // The lag of the objects this poll read, as it left their cursors (read again only when it planned none).
        metrics.emitSync(Job.SALESFORCE_POLL, order.tenantId(), started, report.apiCalls(), report.rowsRead(), report.activitiesCreated(),
                report.furthestBehind().or(() -> cursors.furthestBehind(order.tenantId(), SalesforceSecret.PROVIDER)));
        if (report.stoppedAtDeadline()) {
            queue.continueLater(order); // a long backfill: the next invocation goes on from the cursors
        }
    }
}
