package io.gristmill.work;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Puts per-tenant work on a job's SQS FIFO queue: {@code MessageGroupId} = tenant, so that SQS
 * never hands out two runs of one tenant at once while any number of tenants run in parallel; a
 * de-duplication id per job, tenant, slot and continuation, so that a repeated schedule or a
 * retried send enqueues nothing twice. Ten messages a call; entries SQS could not take are sent
 * again after a short, growing pause, a few times at most.
 */
@ApplicationScoped
public class WorkQueue {
    private static final Logger LOG = Logger.getLogger(WorkQueue.class);
    private static final int BATCH = 10;
    private static final int MAX_PASSES = 4;

    private final SqsClient sqs;
    private final WorkConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    public WorkQueue(SqsClient sqs, WorkConfig config, ObjectMapper json, Clock clock) {
        this.sqs = sqs;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /** What one dispatch enqueued: tenants due, in the slot it ran in. */
    public record Dispatched(String job, long slot, int tenants) {
    }

    /** Enqueues one run of the job for each tenant, in this slot's fair order. */
    public Dispatched dispatch(Job job, Collection<String> tenants) {
        long slot = slotOf(clock.instant());
        List<WorkOrder> orders = FairOrder.of(tenants, slot).stream().map(tenant -> new WorkOrder(job.id(), tenant, slot, 0)).toList();
        for (int i = 0; i < orders.size(); i += BATCH) {
            send(queueUrl(job), orders.subList(i, Math.min(orders.size(), i + BATCH)));
        }
        return new Dispatched(job.id(), slot, orders.size());
    }

    /**
     * Enqueues the run that continues one which stopped with work left; false (nothing enqueued)
     * once a scheduled run has chained {@code max-continuations}: the next schedule takes over.
     */
    public boolean continueLater(WorkOrder stopped) {
        if (stopped.continuation() >= config.maxContinuations()) {
            LOG.warnf("%s of tenant %s stopped with work left after %d continuations; the next schedule continues", stopped.job(),
                    stopped.tenantId(), stopped.continuation());
            return false;
        }
        send(queueUrl(Job.of(stopped.job())), List.of(stopped.next()));
        return true;
    }

    long slotOf(Instant now) {
        long seconds = config.slot().toSeconds();
        return now.getEpochSecond() / seconds * seconds;
    }

    String queueUrl(Job job) {
        java.util.Optional<String> url = switch (job) {
            case SALESFORCE_POLL -> config.salesforcePollQueue();
            case FRONT_RECONCILE -> config.frontReconcileQueue();
            case RECAP_DRAFTS -> config.recapDraftsQueue();
        };
        return url.orElseThrow(() -> new IllegalStateException("No queue configured for " + job.id() + " (gristmill.work." + job.id() + "-queue)"));
    }

    private void send(String queueUrl, List<WorkOrder> orders) {
        List<SendMessageBatchRequestEntry> pending = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            WorkOrder order = orders.get(i);
            pending.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(body(order))
                    .messageGroupId(order.tenantId()).messageDeduplicationId(order.deduplicationId()).build());
        }
        for (int pass = 0; !pending.isEmpty(); pass++) {
            if (pass == MAX_PASSES) {
                throw new IllegalStateException("SQS kept refusing " + pending.size() + " messages after " + MAX_PASSES + " passes");
            }
            pause(pass);
            List<SendMessageBatchRequestEntry> request = pending;
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(request));
            List<BatchResultErrorEntry> failed = response.hasFailed() ? response.failed() : List.of();
            failed.stream().filter(BatchResultErrorEntry::senderFault).findFirst().ifPresent(refused -> {
                throw new IllegalStateException("SQS refused a work message: " + refused.code() + " " + refused.message());
            });
            Map<String, SendMessageBatchRequestEntry> byId = request.stream().collect(Collectors.toMap(SendMessageBatchRequestEntry::id, e -> e));
            pending = failed.stream().map(f -> byId.get(f.id())).toList();
        }
    }

    private String body(WorkOrder order) {
        try {
            return json.writeValueAsString(order);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A work order is always serializable", e);
        }
    }

    private static void pause(int pass) {
        if (pass == 0) {
            return;
        }
        try {
            Thread.sleep(100L << pass);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while enqueueing work", e);
        }
    }
}
