package io.gristmill.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.gristmill.activity.Activity;
import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.Source;
import io.gristmill.aws.Table;
import io.gristmill.config.GristmillConfig;
import io.gristmill.directory.Employee;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.directory.EmployeeInput;
import io.gristmill.directory.Identities;
import io.gristmill.front.ConversationDigestBackfill;
import io.gristmill.recap.IsoWeek;
import io.gristmill.recap.Recap;
import io.gristmill.recap.RecapBuilder;
import io.gristmill.recap.RecapOptions;
import io.gristmill.tenant.TenantSettings;
import io.gristmill.tenant.TenantSettingsStore;
import io.gristmill.testing.Ids;
import io.gristmill.testing.Latencies;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Building one employee-week recap from 2,000 stored activities (1,000 Salesforce, 1,000 Front in
 * 100 conversations) in DynamoDB Local: the DynamoDB calls one build makes, and the p95 build time
 * divided by the p95 of a bare paged Query of the same 2,000 timeline items, measured interleaved
 * in the same run.
 */
@QuarkusTest
@TestProfile(RecapBenchProfile.class)
@Tag("bench")
class RecapBench {
    private static final IsoWeek WEEK = IsoWeek.parse("2026-W40");
    private static final Instant MONDAY = Instant.parse("2026-09-28T00:00:00Z");
    private static final int WARMUP = 20;
    private static final int MEASURED = 100;

    @Inject
    ActivityStore activities;
    @Inject
    EmployeeDirectory directory;
    @Inject
    TenantSettingsStore settings;
    @Inject
    RecapBuilder builder;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    GristmillConfig config;
    @Inject
    ConversationDigestBackfill digestBackfill;

    @Test
    void recap_of_2000_activities_next_to_a_bare_query() throws Exception {
        String tenant = Ids.tenant();
        settings.put(tenant, new TenantSettings("UTC", DayOfWeek.MONDAY, null, null, List.of()), "bench");
        Employee ada = directory.put(tenant, "emp-ada", new EmployeeInput("Ada Lovelace", "ada@acme.test", null, null, List.of(),
                Identities.NONE, true, null), 0);
        List<Activity> week = week(tenant);
        activities.recordAll(week);
        assertThat(digestBackfill.run(tenant, Instant.now().plusSeconds(60))).as("the tenant's conversation digests are complete").isTrue();

        CountingInterceptor.reset();
        builder.draft(tenant, ada, WEEK, RecapOptions.NONE);
        int coldCalls = CountingInterceptor.CALLS.get();
        System.out.println("Storage calls of a function instance's first recap build, by operation: "
                + new java.util.TreeMap<>(CountingInterceptor.BY_OPERATION));
        // The next build in the same instance (the next employee of a tenant's scheduled drafts, a
        // request for changes) finds the tenant's settings, Salesforce instance and default template kept.
        CountingInterceptor.reset();
        Recap once = builder.draft(tenant, ada, WEEK, RecapOptions.NONE);
        int storageCalls = CountingInterceptor.CALLS.get();
        System.out.println("Storage calls of a warm recap build, by operation: " + new java.util.TreeMap<>(CountingInterceptor.BY_OPERATION));
        assertThat(once.content().activityCount()).isEqualTo(2000);
        assertThat(bareQuery(tenant)).isEqualTo(2000);

        long[] build = new long[MEASURED];
        long[] query = new long[MEASURED];
        long[] reads = new long[MEASURED];
        for (int i = 0; i < WARMUP + MEASURED; i++) {
            // DynamoDB Local runs in this JVM: each measurement starts from a collected heap, so that
            // a collection the one before left due does not land in the other's time.
            System.gc();
            long start = System.nanoTime();
            builder.draft(tenant, ada, WEEK, RecapOptions.NONE);
            long built = System.nanoTime() - start;
            System.gc();
            start = System.nanoTime();
            bareQuery(tenant);
            long queried = System.nanoTime() - start;
            System.gc();
            start = System.nanoTime();
            bareReads(tenant);
            long read = System.nanoTime() - start;
            if (i >= WARMUP) {
                build[i - WARMUP] = built;
                query[i - WARMUP] = queried;
                reads[i - WARMUP] = read;
            }
        }
        Arrays.sort(build);
        Arrays.sort(query);
        Arrays.sort(reads);
        System.out.printf("BENCH recap.2000.storage_calls %d%n", storageCalls);
        System.out.printf("BENCH recap.2000.storage_calls_cold %d%n", coldCalls);
        System.out.printf("BENCH recap.2000.p95_ms %.2f%n", p95(build));
        System.out.printf("BENCH dynamodb_local.query_2000.p95_ms %.2f%n", p95(query));
        System.out.printf("BENCH recap.2000.p95_ratio %.2f%n", p95(build) / p95(query));
        // The floor of reading it as stored: the timeline Query and one BatchGetItem of the 100 conversation digests, bare.
        System.out.printf("BENCH dynamodb_local.recap_reads.p95_ms %.2f%n", p95(reads));
        System.out.printf("BENCH recap.2000.floor_ratio %.2f%n", p95(reads) / p95(query));
    }

    private static double p95(long[] nanos) {
        return Latencies.millis(nanos, 0.95);
    }

    /** The same timeline items, read raw: one paged Query on GSI1. */
    private int bareQuery(String tenant) {
        AtomicInteger items = new AtomicInteger();
        dynamo.queryPaginator(b -> b.tableName(config.table()).indexName(Table.GSI1)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#pk", Table.GSI1PK, "#sk", Table.GSI1SK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("T#" + tenant + "#EMP#emp-ada"),
                        ":from", AttributeValue.fromS(Table.sortable(MONDAY)), ":to", AttributeValue.fromS(Table.sortable(MONDAY.plusSeconds(7 * 86400))))))
                .items().forEach(item -> items.incrementAndGet());
        return items.get();
    }

    /** The timeline Query and one BatchGetItem of the 100 conversation digests, raw: what the recap reads of activity. */
    private void bareReads(String tenant) {
        bareQuery(tenant);
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int c = 0; c < 100; c++) {
            keys.add(Map.of("PK", AttributeValue.fromS("T#" + tenant + "#DIG#cnv_" + c), "SK", AttributeValue.fromS("DIG")));
        }
        Map<String, KeysAndAttributes> pending = Map.of(config.table(), KeysAndAttributes.builder().keys(keys).build());
        int digests = 0;
        while (!pending.isEmpty()) {
            Map<String, KeysAndAttributes> request = pending;
            BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(request));
            digests += response.responses().getOrDefault(config.table(), List.of()).size();
            pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        assertThat(digests).isEqualTo(100);
    }

    static List<Activity> week(String tenant) {
        List<Activity> week = new ArrayList<>();
        String[] salesKinds = {"opportunity.created", "opportunity.stage_changed", "task.call_logged", "task.completed", "event.meeting_held",
            "note.added", "opportunity.won", "lead.converted", "task.email_logged", "opportunity.contact_role_added"};
        for (int i = 0; i < 1000; i++) {
            String kind = salesKinds[i % salesKinds.length];
            String opportunity = String.format("006A%011dAAA", i / 4);
            week.add(new Activity(tenant, Optional.of("emp-ada"), MONDAY.plusSeconds(i * 300L), Source.SALESFORCE, kind, opportunity,
                    "sf-" + i, Map.of("opportunityId", opportunity, "opportunityName", "Deal " + i / 4, "whoId", String.format("003A%011dAAA", i % 150)),
                    Map.of("amount", BigDecimal.valueOf(1000L + i * 37L), "durationSeconds", BigDecimal.valueOf(60 + i % 600)),
                    Map.of("fromStage", "Qualification", "toStage", "Proposal", "disposition", i % 3 == 0 ? "Connected" : "Voicemail")));
        }
        String[] conversationKinds = {"front.message.received", "front.conversation.tagged", "front.message.sent", "front.message.received",
            "front.message.sent", "front.comment.added", "front.conversation.assigned", "front.message.sent", "front.conversation.archived",
            "front.conversation.reopened"};
        for (int i = 0; i < 1000; i++) {
            String conversation = "cnv_" + (i / 10);
            week.add(new Activity(tenant, Optional.of("emp-ada"), MONDAY.plusSeconds(3600 + (i / 10) * 5400L + (i % 10) * 420L), Source.FRONT,
                    conversationKinds[i % 10], conversation, "evt_" + i, Map.of("conversationId", conversation), Map.of(),
                    Map.of("eventType", "bench", "tagName", "tag-" + (i / 10) % 7)));
        }
        assertThat(week).allMatch(a -> a.occurredAt().isBefore(WEEK.end(ZoneOffset.UTC, DayOfWeek.MONDAY)));
        return week;
    }
}
