package io.gristmill.aws;

import static io.gristmill.testing.HttpApiEvent.admin;
import static io.gristmill.testing.HttpApiEvent.request;
import static io.gristmill.testing.SalesforceRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gristmill.activity.ActivityStore;
import io.gristmill.connect.ConnectTestSupport;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.front.FrontReconciler;
import io.gristmill.front.ReconcileReport;
import io.gristmill.salesforce.PollReport;
import io.gristmill.salesforce.SalesforcePoller;
import io.gristmill.testing.AwsFaultsProfile;
import io.gristmill.testing.FaultyAwsEndpoint;
import io.gristmill.testing.Ids;
import io.gristmill.testing.SimulatedFront;
import io.gristmill.testing.SimulatedFrontResource;
import io.gristmill.testing.SimulatedSalesforce;
import io.gristmill.testing.SimulatedSalesforceResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Our own infrastructure failing, not Salesforce's or Front's: DynamoDB answers throttling, 500s,
 * lost answers (applied, then dropped) and no answer at all to at least 10 % of calls, some in
 * bursts longer than the SDK's retries. A 10,000-record poll and a reconciliation, run again each
 * cycle as the schedule would, must store exactly what they store without faults, and never move
 * a cursor past what is not stored (else rows would be missing at the end).
 */
@QuarkusTest
@TestProfile(AwsFaultsProfile.class)
class DynamoDbFaultsTest {
    private static final Logger LOG = Logger.getLogger(DynamoDbFaultsTest.class);
    private static final Instant FROM = Instant.now().minus(Duration.ofDays(100));
    private static final Instant TO = Instant.now().plus(Duration.ofDays(1));

    @Inject
    SalesforcePoller poller;
    @Inject
    FrontReconciler reconciler;
    @Inject
    ActivityStore activities;
    @Inject
    EmployeeDirectory directory;

    private final FaultyAwsEndpoint dynamo = AwsFaultsProfile.dynamo();

    @AfterEach
    void noMoreFaults() {
        dynamo.reset();
    }

    /**
     * Everything stored but the tenant, sorted: what two tenants of the same account must share.
     * Read with the test's own client (straight to DynamoDB Local, default timeouts), not through
     * the fault proxy and the short attempt timeouts this profile gives the application.
     */
    private List<String> facts(String tenant) {
        List<String> timelines = new ArrayList<>(List.of("~unattributed"));
        directory.list(tenant, 1000, java.util.Optional.empty()).employees().forEach(e -> timelines.add(e.employeeId()));
        List<String> facts = new ArrayList<>();
        try (software.amazon.awssdk.services.dynamodb.DynamoDbClient direct = io.gristmill.testing.LocalAws.get().dynamo()) {
            for (String timeline : timelines) {
                direct.queryPaginator(b -> b.tableName(io.gristmill.testing.LocalAws.TABLE).indexName(Table.GSI1)
                        .keyConditionExpression("GSI1PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue
                                .fromS("T#" + tenant + "#EMP#" + timeline))))
                        .items().forEach(item -> facts.add(item.get("kind").s() + "|" + item.get("sourceFactId").s() + "|"
                                + (item.containsKey("employeeId") ? "x" : "-") + "|" + item.get("occurredAt").s() + "|"
                                + new java.util.TreeMap<>(item.get("measures").m()) + "|" + new java.util.TreeMap<>(item.get("refs").m())));
            }
        }
        return facts.stream().sorted().toList();
    }


    @Test
    void a_10000_record_poll_under_dynamodb_faults_stores_exactly_what_a_fault_free_poll_stores() {
        SimulatedSalesforce org = SimulatedSalesforceResource.salesforce();
        org.reset();
        Instant now = Instant.now();
        org.put("User", row("005000000000001AAA", now.minus(Duration.ofDays(30)), "Email", "rex@acme.test", "Name", "Rex Rep", "IsActive", true));
        for (int i = 0; i < 10_000; i++) {
            org.put("Task", row(String.format("00T%015d", i), now.minus(Duration.ofMinutes(5L * i + 7)), "OwnerId", "005000000000001AAA",
                    "TaskSubtype", "Call", "CallDurationInSeconds", i % 600, "CallType", "Outbound", "IsClosed", true));
        }
        String orgId = org.orgId();
        String user = org.userId();
        String clean = Ids.tenant();
        ConnectTestSupport.connect(clean);
        assertThat(poller.poll(clean).skipped()).isEmpty();
        List<String> expected = facts(clean);
        assertThat(expected).hasSize(10_000);
        request("DELETE", "/connections/salesforce").claims(admin(clean)).send();
        org.signInAs(orgId, user);
        String faulty = Ids.tenant();
        ConnectTestSupport.connect(faulty);

        dynamo.faults(0.12).bursts(20, 4);
        int requestsBefore = dynamo.requests();
        int polls = 0;
        boolean done = false;
        while (!done && polls < 40) {
            polls++;
            try {
                PollReport report = poller.poll(faulty);
                done = report.skipped().isEmpty() && !report.stoppedForBudget() && report.apiCalls() > 0 && report.rowsRead() < 100;
            } catch (RuntimeException failedCycle) {
                LOG.infof("poll %d failed: %s", polls, failedCycle.toString());
            }
        }
        int requests = dynamo.requests() - requestsBefore;
        int faults = dynamo.faultsInjected();
        dynamo.faults(0);
        LOG.infof("DynamoDB under faults: %d polls, %d requests, %d faults", polls, requests, faults);

        assertThat(done).as("a poll finished cleanly within 40 cycles").isTrue();
        assertThat((double) faults / requests).as("share of DynamoDB calls that failed").isGreaterThanOrEqualTo(0.10);
        assertFactsEqual(facts(faulty), expected);
    }

    @Test
    void a_reconciliation_under_dynamodb_faults_stores_exactly_what_a_fault_free_one_stores() {
        SimulatedFront front = SimulatedFrontResource.front();
        front.reset();
        front.teammate("tea_ada", "ada@acme.test", "user", false);
        front.teammate("tea_bob", "bob@acme.test", "user", false);
        Instant now = Instant.now();
        String[] types = { "inbound", "out_reply", "assign", "tag", "archive", "comment" };
        for (int i = 0; i < 300; i++) {
            front.event("evt_" + i, types[i % types.length], now.minus(Duration.ofMinutes(3L * (300 - i))), "cnv_" + (i % 40), "inb_support",
                    i % 2 == 0 ? "tea_ada" : "tea_bob");
        }
        String clean = Ids.tenant();
        connectFront(clean, front);
        assertThat(reconciler.reconcile(clean).caughtUp()).isTrue();
        List<String> expected = facts(clean);
        assertThat(expected).hasSize(300);
        request("DELETE", "/connections/front").claims(admin(clean)).send();
        String faulty = Ids.tenant();
        connectFront(faulty, front);

        dynamo.faults(0.12).bursts(10, 4);
        int requestsBefore = dynamo.requests();
        int runs = 0;
        boolean caughtUp = false;
        while (!caughtUp && runs < 40) {
            runs++;
            try {
                ReconcileReport report = reconciler.reconcile(faulty);
                caughtUp = report.caughtUp();
            } catch (RuntimeException failedRun) {
                LOG.infof("reconciliation %d failed: %s", runs, failedRun.toString());
            }
        }
        int requests = dynamo.requests() - requestsBefore;
        int faults = dynamo.faultsInjected();
        dynamo.faults(0);
        LOG.infof("DynamoDB under faults: %d reconciliations, %d requests, %d faults", runs, requests, faults);

        assertThat(caughtUp).as("caught up within 40 runs").isTrue();
        assertThat((double) faults / requests).isGreaterThanOrEqualTo(0.10);
        assertFactsEqual(facts(faulty), expected);
    }

    private static void connectFront(String tenant, SimulatedFront front) {
        assertThat(request("PUT", "/connections/front").claims(admin(tenant))
                .jsonBody(Map.of("apiToken", front.issueApiToken(), "apiSecret", "rule-secret")).send().status()).isEqualTo(200);
    }

    private static void assertFactsEqual(List<String> actual, List<String> expected) {
        Set<String> missing = new HashSet<>(expected);
        actual.forEach(missing::remove);
        assertThat(missing).as("lost").isEmpty();
        assertThat(actual).as("nothing doubled, nothing extra").containsExactlyElementsOf(expected);
    }
}
