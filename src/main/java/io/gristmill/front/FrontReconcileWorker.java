package io.gristmill.front;

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
 * The {@code front-reconcile-worker} Lambda: reconciles one tenant per message of the reconcile
 * queue, then puts what it stored before conversation digests existed into them. A tenant no longer
 * connected is done; a failure throws (SQS redelivers that message alone, then dead-letters it);
 * a run that stopped at its deadline with events left (or digests to backfill) enqueues its own
 * continuation.
 */
public class FrontReconcileWorker {
    private static final Logger LOG = Logger.getLogger(FrontReconcileWorker.class);

    private final FrontReconciler reconciler;
    private final ConversationDigestBackfill digests;
    private final SyncCursorStore cursors;
    private final WorkQueue queue;
    private final WorkMetrics metrics;
    private final FrontConfig config;
    private final Clock clock;

    public FrontReconcileWorker(FrontReconciler reconciler, ConversationDigestBackfill digests, SyncCursorStore cursors, WorkQueue queue,
            WorkMetrics metrics, FrontConfig config, Clock clock) {
        this.reconciler = reconciler;
        this.digests = digests;
        this.cursors = cursors;
        this.queue = queue;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    @Funq("front-reconcile-worker")
    public void frontReconcileWorker(WorkOrder order) {
        order.requireJob(Job.FRONT_RECONCILE);
        Instant started = clock.instant();
        ReconcileReport report;
        try {
            report = reconciler.reconcile(order.tenantId());
        } catch (FrontNotConnectedException e) {
            LOG.infof("Front reconciliation of tenant %s skipped: %s", order.tenantId(), e.getMessage());
            return;
        }
        boolean digested = digests.run(order.tenantId(), clock.instant().plus(config.digestBackfillBudget()));
        // The run's own cursor (Front has one: events; none yet when Front never had an event); read only when another run ran.
        metrics.emitSync(Job.FRONT_RECONCILE, order.tenantId(), started, report.apiCalls(), report.eventsRead(), report.stored(),
                report.alreadyRunning() ? cursors.furthestBehind(order.tenantId(), FrontSecret.PROVIDER) : report.cursor());
        // Out of time with events (or digests) left: go on at once. A rate limit or an outage waits for the next schedule.
        if (FrontReconciler.DEADLINE_REACHED.equals(report.stopped()) || !digested) {
            queue.continueLater(order);
        }
    }
}
