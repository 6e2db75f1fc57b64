package io.gristmill.bench;

import static io.gristmill.testing.SalesforceRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.gristmill.aws.Table;
import io.gristmill.config.GristmillConfig;
import io.gristmill.connect.ConnectTestSupport;
import io.gristmill.salesforce.PollReport;
import io.gristmill.salesforce.SalesforcePoller;
import io.gristmill.salesforce.objects.SalesforceTime;
import io.gristmill.tenant.TenantSettings;
import io.gristmill.tenant.TenantSettingsStore;
import io.gristmill.testing.ConnectProfile;
import io.gristmill.testing.Ids;
import io.gristmill.testing.SimulatedSalesforce;
import io.gristmill.testing.SimulatedSalesforceResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Salesforce sync figures, printed as {@code BENCH <name> <value>}: API calls of an idle poll of
 * 12 objects, API calls of a poll with 10,000 changed records (pages of 2,000 as Salesforce sends
 * them), and ingest speed relative to raw DynamoDB Local BatchWriteItem measured in the same run.
 */
@QuarkusTest
@TestProfile(ConnectProfile.class)
@Tag("bench")
class SalesforcePollBench {
    private static final List<String> TWELVE = List.of("User", "Opportunity", "OpportunityHistory", "OpportunityFieldHistory",
            "OpportunityContactRole", "Account", "Contact", "Lead", "LeadHistory", "Task", "Event", "Note");

    @Inject
    SalesforcePoller poller;

    @Inject
    TenantSettingsStore settings;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    GristmillConfig config;

    @Test
    void salesforce_sync_figures() {
        SimulatedSalesforce org = SimulatedSalesforceResource.salesforce();
        String tenant = connectedToTwelveObjects(org);
        Instant now = Instant.now();
        org.put("User", Map.of("Id", "005000000000001AAA", "IsDeleted", false, "CreatedDate", SalesforceTime.record(now.minusSeconds(86400)),
                "CreatedById", "005000000000001AAA", "SystemModstamp", SalesforceTime.record(now.minusSeconds(86400)),
                "LastModifiedDate", SalesforceTime.record(now.minusSeconds(86400)), "Email", "rex@acme.test", "Name", "Rex", "IsActive", true));
        poller.poll(tenant); // backfill + describe, once

        PollReport idle = poller.poll(tenant);
        System.out.println("BENCH sf.idle_poll.api_calls " + idle.apiCalls());

        Instant changed = Instant.now();
        for (int i = 0; i < 10_000; i++) {
            Map<String, Object> row = new HashMap<>();
            row.put("Id", String.format("00T%015d", i));
            row.put("IsDeleted", false);
            row.put("CreatedDate", SalesforceTime.record(changed.minusMillis(i)));
            row.put("CreatedById", "005000000000001AAA");
            row.put("SystemModstamp", SalesforceTime.record(changed.minusMillis(i)));
            row.put("LastModifiedDate", SalesforceTime.record(changed.minusMillis(i)));
            row.put("OwnerId", "005000000000001AAA");
            row.put("TaskSubtype", "Call");
            row.put("CallType", "Outbound");
            row.put("CallDurationInSeconds", i % 900);
            row.put("IsClosed", true);
            org.put("Task", row);
        }
        double rawBefore = rawBatchWrite(10_000);
        sleepPastSecond();
        long start = System.nanoTime();
        PollReport busy = poller.poll(tenant);
        double pollSeconds = (System.nanoTime() - start) / 1e9;
        assertThat(busy.activitiesCreated()).isEqualTo(10_000);
        System.out.println("BENCH sf.poll_10k.api_calls " + busy.apiCalls());

        double ingestPerSecond = busy.rowsRead() / pollSeconds;
        // The bare figure is taken before and after the poll and averaged: DynamoDB Local's speed drifts within a run.
        double rawPerSecond = (rawBefore + rawBatchWrite(10_000)) / 2;
        System.out.println("BENCH sf.ingest.records_per_s " + Math.round(ingestPerSecond));
        System.out.println("BENCH dynamodb_local.batch_write.items_per_s " + Math.round(rawPerSecond));
        System.out.printf("BENCH sf.ingest.ratio %.3f%n", ingestPerSecond / rawPerSecond);
    }

    /**
     * The first poll of a newly connected org: 90 days of history, 10,000 rows across 12 objects
     * (pages of 2,000, describes not cached yet), read in one poll.
     */
    @Test
    void first_poll_of_a_new_org() {
        SimulatedSalesforce org = SimulatedSalesforceResource.salesforce();
        String tenant = connectedToTwelveObjects(org);
        Instant now = Instant.now();
        String owner = "005000000000001AAA";
        org.put("User", row(owner, now.minus(java.time.Duration.ofDays(200)), "Email", "rex@acme.test", "Name", "Rex", "IsActive", true));
        // Spread over the 90 days the backfill reads, oldest first, as an org's activity is.
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        counts.put("Task", 4000);
        counts.put("Event", 2000);
        counts.put("Lead", 1500);
        counts.put("Contact", 1500);
        counts.put("Account", 1000);
        int rows = 0;
        for (Map.Entry<String, Integer> object : counts.entrySet()) {
            String prefix = Map.of("Task", "00T", "Event", "00U", "Lead", "00Q", "Contact", "003", "Account", "001").get(object.getKey());
            for (int i = 0; i < object.getValue(); i++) {
                Instant at = now.minus(java.time.Duration.ofMinutes(1 + (long) i * 89 * 24 * 60 / object.getValue()));
                org.put(object.getKey(), row(String.format("%s%015d", prefix, i), at, "OwnerId", owner, "Name", "n" + i,
                        "TaskSubtype", "Call", "CallType", "Outbound", "CallDurationInSeconds", i % 900, "IsClosed", true,
                        "DurationInMinutes", 30, "ActivityDateTime", SalesforceTime.record(at), "Status", "Open - Not Contacted"));
                rows++;
            }
        }
        sleepPastSecond();

        PollReport first = poller.poll(tenant);

        assertThat(first.rowsRead()).isGreaterThanOrEqualTo(rows);
        assertThat(first.skipped()).isEmpty();
        System.out.println("BENCH sf.backfill_90d.rows " + first.rowsRead());
        System.out.println("BENCH sf.backfill_90d.api_calls " + first.apiCalls());
    }


    /** A fresh org (pages of 2,000, as Salesforce sends them) connected to a new tenant that selected the twelve objects. */
    private String connectedToTwelveObjects(SimulatedSalesforce org) {
        org.reset();
        org.pageSize(2000);
        String tenant = Ids.tenant();
        ConnectTestSupport.connect(tenant);
        settings.put(tenant, new TenantSettings("UTC", java.time.DayOfWeek.MONDAY, new TenantSettings.Salesforce(TWELVE, null),
                null, null), "bench");
        return tenant;
    }

    /** Items/s of plain BatchWriteItem (25 per call) of activity-sized items into the same table. */
    private double rawBatchWrite(int count) {
        String tenant = Ids.tenant();
        long start = System.nanoTime();
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(Table.PK, Table.s(Table.tenantKey(tenant) + "#ACT#" + i));
            item.put(Table.SK, Table.s("ACT"));
            item.put(Table.GSI1PK, Table.s(Table.tenantKey(tenant) + "#EMP#e1"));
            item.put(Table.GSI1SK, Table.s(Table.sortable(Instant.now()) + "#" + i));
            item.put(Table.GSI2PK, Table.s(Table.tenantKey(tenant) + "#SRC#salesforce#00T" + i));
            item.put(Table.GSI2SK, Table.s(Table.sortable(Instant.now()) + "#" + i));
            item.put("kind", Table.s("task.call_logged"));
            item.put("measures", AttributeValue.fromM(Map.of("durationSeconds", AttributeValue.fromN(Integer.toString(i % 900)))));
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            if (batch.size() == 25 || i == count - 1) {
                Map<String, List<WriteRequest>> pending = Map.of(config.table(), List.copyOf(batch));
                while (!pending.isEmpty()) {
                    Map<String, List<WriteRequest>> request = pending;
                    pending = dynamo.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                }
                batch.clear();
            }
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static void sleepPastSecond() {
        try {
            Thread.sleep(1100); // a poll reads up to the start of its own second
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
