package io.gristmill.front;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;


import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gristmill.activity.Activity;
import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.Source;
import io.gristmill.aws.Table;
import io.gristmill.aws.TokenVault;
import io.gristmill.config.GristmillConfig;
import io.gristmill.connection.ConnectionStore;
import io.gristmill.testing.FrontWebhookProfile;
import io.gristmill.testing.FrontWebhookSigner;
import io.gristmill.testing.Latencies;
import io.gristmill.testing.SimulatedFront;
import io.gristmill.testing.SimulatedFrontResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A burst of Front deliveries: 2,000 app webhooks, 50 at once, 30 % of them redeliveries of events
 * already sent and 5 % unsigned. Exactly the distinct signed events are stored, every unsigned one
 * is refused, and nothing is answered 5xx. Prints {@code BENCH front.burst.*} figures, next to bare
 * conditional PutItems at the same concurrency in the same run.
 */
@QuarkusTest
@TestProfile(FrontWebhookProfile.class)
class FrontWebhookBurstTest {
    private static final int DELIVERIES = 2000;
    private static final int CONCURRENCY = 50;

    @Inject
    ConnectionStore connections;
    @Inject
    TokenVault vault;
    @Inject
    ActivityStore activities;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    GristmillConfig config;

    private record Delivery(String eventId, boolean signed) {
    }

    private record Answer(Delivery delivery, int status, long nanos) {
    }

    @Test
    void a_burst_stores_each_distinct_signed_event_once_refuses_unsigned_ones_and_never_answers_5xx() throws Exception {
        SimulatedFront front = SimulatedFrontResource.front();
        front.reset();
        String tenant = FrontWebhookSigner.connectedTenant(connections, vault, front);
        front.event("evt_template", "out_reply", Instant.now(), "cnv_burst", "inb_support", "tea_ada");
        String template = front.eventJson("evt_template");

        int unsigned = DELIVERIES * 5 / 100;
        int redeliveries = DELIVERIES * 30 / 100;
        int distinct = DELIVERIES - unsigned - redeliveries;
        List<Delivery> deliveries = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < distinct; i++) {
            deliveries.add(new Delivery("evt_burst_" + i, true));
        }
        for (int i = 0; i < redeliveries; i++) {
            deliveries.add(new Delivery("evt_burst_" + random.nextInt(distinct), true));
        }
        for (int i = 0; i < unsigned; i++) {
            deliveries.add(new Delivery("evt_forged_" + i, false));
        }
        Collections.shuffle(deliveries, random);

        long started = System.nanoTime();
        List<Answer> answers = run(deliveries, delivery -> deliver(template, front.company(), delivery));
        double seconds = (System.nanoTime() - started) / 1e9;
        started = System.nanoTime();
        List<Answer> bare = run(deliveries, delivery -> bareput());
        double bareSeconds = (System.nanoTime() - started) / 1e9;

        assertThat(answers).filteredOn(a -> a.status() >= 500).as("answered 5xx").isEmpty();
        assertThat(answers).filteredOn(a -> !a.delivery().signed()).extracting(Answer::status).containsOnly(401);
        assertThat(answers).filteredOn(a -> a.delivery().signed()).extracting(Answer::status).containsOnly(200);
        int stored = 0;
        for (int i = 0; i < distinct; i++) {
            stored += activities.find(tenant, Activity.idOf(tenant, Source.FRONT, "front.message.sent", "evt_burst_" + i)).isPresent() ? 1 : 0;
        }
        assertThat(stored).as("every distinct signed event stored").isEqualTo(distinct);
        assertThat(activities.forSourceRecord(tenant, Source.FRONT, "cnv_burst")).as("each once, nothing forged").hasSize(distinct);

        // The mock event server runs one invocation at a time, as one Lambda instance does (AWS runs
        // up to 50 instances for 50 concurrent deliveries): the client's p99 includes waiting for
        // that one instance. The ratio compares per-delivery time with a bare conditional PutItem
        // sent at the same concurrency in the same run.
        long[] webhook = times(answers);
        double perDelivery = seconds * 1000 / DELIVERIES;
        double perPut = bareSeconds * 1000 / DELIVERIES;
        System.out.printf("BENCH front.burst.deliveries %d%n", DELIVERIES);
        System.out.printf("BENCH front.burst.throughput_per_s %.1f%n", DELIVERIES / seconds);
        System.out.printf("BENCH front.burst.p99_ms %.2f%n", Latencies.millis(webhook, 0.99));
        System.out.printf("BENCH front.burst.per_delivery_ms %.2f%n", perDelivery);
        System.out.printf("BENCH front.burst.bare_put_per_call_ms %.2f%n", perPut);
        System.out.printf("BENCH front.burst.bare_put_p99_ms %.2f%n", Latencies.millis(times(bare), 0.99));
        System.out.printf("BENCH front.burst.ratio_to_bare_put %.2f%n", perDelivery / perPut);
    }

    private interface Call {
        int send(Delivery delivery) throws Exception;
    }

    private static List<Answer> run(List<Delivery> deliveries, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (Delivery delivery : deliveries) {
                futures.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    int status = call.send(delivery);
                    return new Answer(delivery, status, System.nanoTime() - start);
                }));
            }
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }

    private static int deliver(String template, String company, Delivery delivery) {
        return FrontWebhookSigner.appWebhook(FrontWebhookSigner.envelope(template, "evt_template", company, delivery.eventId()),
                delivery.signed()).send().status();
    }

    private int bareput() {
        Map<String, AttributeValue> item = new HashMap<>(Table.key("BENCH#" + UUID.randomUUID(), "ACT"));
        item.put("payload", AttributeValue.fromS("x".repeat(300)));
        dynamo.putItem(b -> b.tableName(config.table()).item(item).conditionExpression("attribute_not_exists(PK)"));
        return 200;
    }

    private static long[] times(List<Answer> answers) {
        long[] nanos = answers.stream().mapToLong(Answer::nanos).toArray();
        Arrays.sort(nanos);
        return nanos;
    }
}
