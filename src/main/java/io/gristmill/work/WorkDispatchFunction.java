package io.gristmill.work;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;

import io.gristmill.connection.ConnectionStore;
import io.quarkus.funqy.Funq;

/**
 * The {@code work-dispatch} Lambda, run by each job's EventBridge schedule with the job's name as
 * input ({@code {"job": "salesforce-poll"}}): enqueues one run per due tenant on the job's queue
 * and returns at once; the job's worker does the runs, as many tenants at once as its queue's
 * event source allows.
 */
public class WorkDispatchFunction {
    private static final Logger LOG = Logger.getLogger(WorkDispatchFunction.class);

    private final ConnectionStore connections;
    private final WorkQueue queue;

    public WorkDispatchFunction(ConnectionStore connections, WorkQueue queue) {
        this.connections = connections;
        this.queue = queue;
    }

    /** What a dispatch did, or why it did nothing (a schedule naming no job). */
    public record DispatchReport(String job, long slot, int tenants, String error) {
    }

    @Funq("work-dispatch")
    public DispatchReport workDispatch(Map<String, Object> schedule) {
        Object named = schedule == null ? null : schedule.get("job");
        Job job;
        try {
            job = Job.of(String.valueOf(named));
        } catch (IllegalArgumentException e) {
            LOG.errorf("Dispatch refused: the schedule's input names no job (%s)", e.getMessage());
            return new DispatchReport(String.valueOf(named), 0, 0, e.getMessage());
        }
        Set<String> due = new LinkedHashSet<>();
        job.providers().forEach(provider -> due.addAll(connections.connectedTenants(provider)));
        WorkQueue.Dispatched dispatched = queue.dispatch(job, due);
        LOG.infof("Dispatched %s for %d tenants (slot %d)", job.id(), dispatched.tenants(), dispatched.slot());
        return new DispatchReport(job.id(), dispatched.slot(), dispatched.tenants(), null);
    }
}
