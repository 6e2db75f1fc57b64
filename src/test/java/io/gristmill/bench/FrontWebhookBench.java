package io.gristmill.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;


import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.gristmill.aws.Table;
import io.gristmill.aws.TokenVault;
import io.gristmill.config.GristmillConfig;
import io.gristmill.connection.ConnectionStore;
import io.gristmill.testing.FrontWebhookSigner;
import io.gristmill.testing.Latencies;
import io.gristmill.testing.SimulatedFront;
import io.gristmill.testing.SimulatedFrontResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Front webhook handling latency, printed as {@code BENCH <name> <value>}: signed app webhooks
 * (full events with content) through the Lambda mock event server into DynamoDB Local, next to a
 * bare conditional PutItem into the same DynamoDB Local measured in the same run, and the ratio of
 * their 99th percentiles — what verification, parsing, attribution and the router add.
 */
@QuarkusTest
@TestProfile(FrontWebhookBenchProfile.class)
@Tag("bench")
class FrontWebhookBench {
    private static final int WARMUP = 200;
    private static final int MEASURED = 1000;

    @Inject
    ConnectionStore connections;

    @Inject
    TokenVault vault;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    GristmillConfig config;

    @Test
    void webhook_latency_next_to_a_bare_put() throws Exception {
        SimulatedFront front = SimulatedFrontResource.front();
        front.reset();
        String tenant = FrontWebhookSigner.connectedTenant(connections, vault, front);
        front.event("evt_template", "out_reply", Instant.now(), "cnv_bench", "inb_support", "tea_ada");
        String template = front.eventJson("evt_template");

        for (int i = 0; i < WARMUP; i++) {
            deliver(template, front.company(), "evt_w" + i);
            bareput("w" + i);
        }
        long[] webhook = new long[MEASURED];
        long[] put = new long[MEASURED];
        long[] refused = new long[MEASURED];
        long[] transact = new long[MEASURED];
        int storageCalls = 0;
        for (int i = 0; i < MEASURED; i++) {
            int callsBefore = CountingInterceptor.CALLS.get();
            long start = System.nanoTime();
            int status = deliver(template, front.company(), "evt_m" + i);
            webhook[i] = System.nanoTime() - start;
            storageCalls += CountingInterceptor.CALLS.get() - callsBefore;
            assertThat(status).isEqualTo(200);
            start = System.nanoTime();
            bareput("m" + i);
            put[i] = System.nanoTime() - start;
            start = System.nanoTime();
            assertThat(FrontWebhookSigner.appWebhook(FrontWebhookSigner.envelope(template, "evt_template", front.company(), "evt_r" + i), false)
                    .send().status()).isEqualTo(401);
            refused[i] = System.nanoTime() - start;
            start = System.nanoTime();
            bareTransaction("m" + i);
            transact[i] = System.nanoTime() - start;
        }
        Arrays.sort(webhook);
        Arrays.sort(put);
        Arrays.sort(refused);
        Arrays.sort(transact);
        System.out.printf("BENCH front.webhook.p50_ms %.2f%n", Latencies.millis(webhook, 0.50));
        System.out.printf("BENCH front.webhook.p99_ms %.2f%n", Latencies.millis(webhook, 0.99));
        System.out.printf("BENCH dynamodb_local.put.p50_ms %.2f%n", Latencies.millis(put, 0.50));
        System.out.printf("BENCH dynamodb_local.put.p99_ms %.2f%n", Latencies.millis(put, 0.99));
        System.out.printf("BENCH front.webhook.p99_ratio %.2f%n", Latencies.millis(webhook, 0.99) / Latencies.millis(put, 0.99));
        // The floor: the one put a webhook makes, and the trip through the mock event server and the
        // router that even a refused (unsigned) webhook takes.
        System.out.printf("BENCH front.webhook.refused_p99_ms %.2f%n", Latencies.millis(refused, 0.99));
        System.out.printf("BENCH front.webhook.floor_ratio %.2f%n",
                (Latencies.millis(put, 0.99) + Latencies.millis(refused, 0.99)) / Latencies.millis(put, 0.99));
        // What the function adds over the harness's own trip, against the bare put.
        System.out.printf("BENCH front.webhook.p99_ratio_past_harness %.2f%n",
                (Latencies.millis(webhook, 0.99) - Latencies.millis(refused, 0.99)) / Latencies.millis(put, 0.99));
        System.out.printf("BENCH front.webhook.storage_calls %.2f%n", storageCalls / (double) MEASURED);
        // A message is stored with its conversation digest entry in one transaction: that write, bare, against the bare put.
        System.out.printf("BENCH dynamodb_local.transact.p99_ms %.2f%n", Latencies.millis(transact, 0.99));
        System.out.printf("BENCH dynamodb_local.transact_over_put.p99_ratio %.2f%n", Latencies.millis(transact, 0.99) / Latencies.millis(put, 0.99));
    }

    private static int deliver(String template, String company, String eventId) {
        return FrontWebhookSigner.appWebhook(FrontWebhookSigner.envelope(template, "evt_template", company, eventId), true).send().status();
    }

    private void bareput(String id) {
        Map<String, AttributeValue> item = new HashMap<>(Table.key("BENCH#" + UUID.randomUUID() + "#" + id, "ACT"));
        item.put("payload", AttributeValue.fromS("x".repeat(300)));
        dynamo.putItem(b -> b.tableName(config.table()).item(item).conditionExpression("attribute_not_exists(PK)"));
    }

    /** The write a webhook for a message makes: the conditional put and a digest entry, in one TransactWriteItems. */
    private void bareTransaction(String id) {
        Map<String, AttributeValue> item = new HashMap<>(Table.key("BENCH#" + UUID.randomUUID() + "#" + id, "ACT"));
        item.put("payload", AttributeValue.fromS("x".repeat(300)));
        dynamo.transactWriteItems(b -> b.transactItems(
                t -> t.put(p -> p.tableName(config.table()).item(item).conditionExpression("attribute_not_exists(PK)")),
                t -> t.update(u -> u.tableName(config.table()).key(Table.key("BENCH#DIG#" + id, "DIG"))
                        .updateExpression("SET #e = :e").conditionExpression("attribute_not_exists(overflow)")
                        .expressionAttributeNames(Map.of("#e", "e_" + id))
                        .expressionAttributeValues(Map.of(":e", AttributeValue.fromS("front.message.received"))))));
    }

}
