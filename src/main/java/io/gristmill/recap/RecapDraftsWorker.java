package io.gristmill.recap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.gristmill.work.Job;
import io.gristmill.work.WorkMetrics;
import io.gristmill.work.WorkMetrics.Value;
import io.gristmill.work.WorkOrder;
import io.gristmill.work.WorkQueue;
import io.quarkus.funqy.Funq;

/**
 * The {@code recap-drafts-worker} Lambda: drafts the week that last ended for one tenant per
 * message of the drafts queue. A run that stopped at its deadline enqueues its own continuation;
 * drafts some employees' weeks could not get make the message fail, so that SQS brings it back
 * (drafting again skips the weeks drafted) and, after a few tries, dead-letters it.
 */
public class RecapDraftsWorker {
    private final RecapDrafts drafts;
    private final WorkMetrics metrics;
    private final WorkQueue queue;
    private final Clock clock;

    public RecapDraftsWorker(RecapDrafts drafts, WorkMetrics metrics, WorkQueue queue, Clock clock) {
        this.drafts = drafts;
        this.queue = queue;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Funq("recap-drafts-worker")
    public void recapDraftsWorker(WorkOrder order) {
        order.requireJob(Job.RECAP_DRAFTS);
        Instant started = clock.instant();
        RecapDrafts.DraftReport report = drafts.draftLastWeek(order.tenantId());
        Map<String, Value> figures = new LinkedHashMap<>();
        figures.put("Drafted", Value.count(report.drafted()));
        figures.put("Failed", Value.count(report.failed()));
        figures.put("DurationMs", Value.millis(Duration.between(started, clock.instant()).toMillis()));
        metrics.emit(Job.RECAP_DRAFTS, order.tenantId(), figures);
        if (report.failed() > 0) {
            throw new IllegalStateException("Weekly drafts of tenant " + order.tenantId() + " incomplete: " + report.failed() + " failed");
        }
        if (report.error() != null) {
            queue.continueLater(order); // stopped at the deadline
        }
    }
}
