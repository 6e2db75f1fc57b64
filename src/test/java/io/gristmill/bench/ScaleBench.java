package io.gristmill.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.gristmill.connect.ConnectFlowSupport;
import io.gristmill.salesforce.SalesforcePollWorker;
import io.gristmill.testing.Ids;
import io.gristmill.testing.LocalAws;
import io.gristmill.testing.SimulatedSalesforce;
import io.gristmill.testing.SimulatedSalesforceResource;
import io.gristmill.testing.WorkQueues;
import io.gristmill.work.WorkOrder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Scale-out: 500 tenants, each its own simulated Salesforce org answering every call after 150 ms,
 * polled through the poll queue (local SQS FIFO) by 1, 4 and 16 workers — what Lambda's event
 * source runs at {@code MaximumConcurrency} 1, 4 and 16, each invocation handling one message with
 * the real poll worker and deleting it, fed as Lambda's event source feeds them ({@link EventSourcePollers}:
 * up to five pollers, up to ten messages a receive, deletes ten a call). Then one org that takes 20 s a call, among the others at
 * 16 workers: the others' p99 delay (enqueue → their poll done) next to the same run without it.
 * Idle polls (the orgs have no records; a first poll per tenant before measuring), so every
 * tenant's run is its steady-state 3 calls.
 */
@QuarkusTest
@TestProfile(ScaleBenchProfile.class)
@Tag("bench")
class ScaleBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TENANTS = 500;
    /** The single-worker run takes a fifth of the tenants: its rate is what is measured, at a fifth of the wait. */
    private static final int TENANTS_AT_ONE = 100;

    @Inject
    ConnectFlowSupport connect;
    @Inject
    SalesforcePollWorker worker;

    private final AtomicInteger slot = new AtomicInteger(1_000);
    /** Its own poll queue with a visibility timeout above the slow org's minute: no run is handed out twice. */
    private String queue;

    @Test
    void tenants_per_minute_grow_with_workers_and_a_slow_org_delays_nobody_else() throws Exception {
        SimulatedSalesforce salesforce = SimulatedSalesforceResource.salesforce();
        salesforce.reset();
        salesforce.clearRecords();
        salesforce.apiUsage(0, 100_000_000);
        queue = WorkQueues.create(300).get("gristmill.work.salesforce-poll-queue");
        List<String> tenants = new ArrayList<>();
        Map<String, String> orgs = new ConcurrentHashMap<>();
        for (int i = 0; i < TENANTS; i++) {
            String tenant = Ids.tenant();
            orgs.put(tenant, salesforce.newOrg());
            connect.connectDirectly(tenant, salesforce);
            tenants.add(tenant);
        }
        run(tenants, 16); // first polls: cursors, describes, identities

        salesforce.latency(150);
        double one = TENANTS_AT_ONE / minutes(run(tenants.subList(0, TENANTS_AT_ONE), 1));
        double four = TENANTS / minutes(run(tenants, 4));
        CountingInterceptor.reset();
        int apiCallsBefore = salesforce.apiCalls();
        Run sixteen = run(tenants, 16);
        double dynamoPerRun = CountingInterceptor.CALLS.get() / (double) TENANTS;
        double readUnitsPerRun = CountingInterceptor.READ_UNITS.sum() / TENANTS;
        double writeUnitsPerRun = CountingInterceptor.WRITE_UNITS.sum() / TENANTS;
        System.out.println("DynamoDB calls of " + TENANTS + " idle polls, by operation: " + new java.util.TreeMap<>(CountingInterceptor.BY_OPERATION));
        double salesforcePerRun = (salesforce.apiCalls() - apiCallsBefore) / (double) TENANTS;
        double atSixteen = TENANTS / minutes(sixteen);
        String slow = tenants.get(TENANTS / 2);
        salesforce.latency(orgs.get(slow), 20_000);
        Run withSlowOrg = run(tenants, 16);
        salesforce.latency(0);
        // The floor of this harness: the same queue traffic at 16 workers, each run replaced by the 3 × 150 ms a steady poll waits.
        double harnessAtSixteen = TENANTS / minutes(run(tenants, 16, order -> sleep(450)));

        System.out.printf("BENCH scale.tenants_per_min.c1 %.0f%n", one);
        System.out.printf("BENCH scale.tenants_per_min.c4 %.0f%n", four);
        System.out.printf("BENCH scale.tenants_per_min.c16 %.0f%n", atSixteen);
        System.out.printf("BENCH scale.speedup_16 %.1f%n", atSixteen / one);
        System.out.printf("BENCH scale.harness_tenants_per_min.c16 %.0f%n", harnessAtSixteen);
        System.out.printf("BENCH scale.c16_over_harness %.2f%n", atSixteen / harnessAtSixteen);
        // The most speedup this harness allows: its own ceiling at 16 over the measured single worker.
        System.out.printf("BENCH scale.harness_speedup_16 %.1f%n", harnessAtSixteen / one);
        System.out.printf("BENCH scale.idle_poll.salesforce_calls %.2f%n", salesforcePerRun);
        System.out.printf("BENCH scale.idle_poll.dynamodb_calls %.2f%n", dynamoPerRun);
        System.out.printf("BENCH scale.idle_poll.dynamodb_read_units %.2f%n", readUnitsPerRun);
        System.out.printf("BENCH scale.idle_poll.dynamodb_write_units %.2f%n", writeUnitsPerRun);
        System.out.printf("BENCH scale.idle_poll.run_s.c1 %.2f%n", 60.0 / one);
        System.out.printf("BENCH scale.others_p99_delay_s %.1f%n", withSlowOrg.p99DelayExcept(slow));
        System.out.printf("BENCH scale.others_p99_delay_s.without_slow_org %.1f%n", sixteen.p99DelayExcept(slow));
        System.out.printf("BENCH scale.others_p99_delay.ratio %.2f%n", withSlowOrg.p99DelayExcept(slow) / sixteen.p99DelayExcept(slow));
        assertThat(withSlowOrg.delays().get(slow)).as("the slow org's own poll took its 3 × 20 s").isGreaterThan(40);
    }

    /** One dispatch of the given tenants and how long each waited for its poll to finish. */
    private record Run(long millis, Map<String, Double> delays) {
        double p99DelayExcept(String tenant) {
            double[] others = delays.entrySet().stream().filter(e -> !e.getKey().equals(tenant)).mapToDouble(Map.Entry::getValue).sorted().toArray();
            return others[Math.min(others.length - 1, (int) Math.ceil(others.length * 0.99) - 1)];
        }
    }

    private static double minutes(Run run) {
        return run.millis() / 60_000.0;
    }

    private Run run(List<String> tenants, int workers) throws Exception {
        return run(tenants, workers, worker::salesforcePollWorker);
    }

    /** Enqueues one poll per tenant (a fresh slot), then {@code workers} pollers drain the queue, each run done by {@code work}. */
    private Run run(List<String> tenants, int workers, java.util.function.Consumer<WorkOrder> work) throws Exception {
        long runSlot = slot.incrementAndGet();
        long started = System.nanoTime();
        try (SqsClient sqs = LocalAws.get().sqs()) {
            for (int i = 0; i < tenants.size(); i += 10) {
                List<String> batch = tenants.subList(i, Math.min(tenants.size(), i + 10));
                sqs.sendMessageBatch(b -> b.queueUrl(queue).entries(batch.stream().map(t -> {
                    WorkOrder order = new WorkOrder("salesforce-poll", t, runSlot, 0);
                    return software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry.builder().id(Integer.toString(batch.indexOf(t)))
                            .messageBody(JSON.valueToTree(order).toString()).messageGroupId(t).messageDeduplicationId(order.deduplicationId()).build();
                }).toList()));
            }
            Map<String, Double> delays = new ConcurrentHashMap<>();
            EventSourcePollers.drain(sqs, queue, tenants.size(), workers, message -> {
                WorkOrder order = read(message);
                work.accept(order);
                delays.put(order.tenantId(), (System.nanoTime() - started) / 1e9);
            });
            return new Run((System.nanoTime() - started) / 1_000_000, delays);
        }
    }

    private static WorkOrder read(Message message) {
        try {
            return JSON.readValue(message.body(), WorkOrder.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
