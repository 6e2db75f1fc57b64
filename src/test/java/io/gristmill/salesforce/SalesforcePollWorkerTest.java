package io.gristmill.salesforce;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.Source;
import io.gristmill.connect.ConnectFlowSupport;
import io.gristmill.testing.Ids;
import io.gristmill.testing.LocalAws;
import io.gristmill.testing.LocalEventSource;
import io.gristmill.testing.SalesforcePollWorkerProfile;
import io.gristmill.testing.SimulatedSalesforce;
import io.gristmill.testing.SimulatedSalesforceResource;
import io.gristmill.testing.WorkQueues;
import io.gristmill.testing.WorkQueuesResource;
import io.gristmill.work.WorkOrder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The poll worker as Lambda runs it from the poll queue: SQS events through the mock event server,
 * handed out and acknowledged by a local event source mapping over local SQS (FIFO, dead-letter
 * queue after {@link WorkQueues#MAX_RECEIVES} receives), polls against a simulated Salesforce.
 */
@QuarkusTest
@TestProfile(SalesforcePollWorkerProfile.class)
class SalesforcePollWorkerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ConnectFlowSupport connect;
    @Inject
    ActivityStore activities;

    private static String queue() {
        return WorkQueuesResource.queues().get("gristmill.work.salesforce-poll-queue");
    }

    private static String invoke(String sqsEvent) {
        Response response = given().contentType("application/json").body(sqsEvent).post("/");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the worker failed: " + response.statusCode() + " " + response.asString());
        }
        return response.asString();
    }

    private static void send(WorkOrder order) {
        try (SqsClient sqs = LocalAws.get().sqs()) {
            sqs.sendMessage(b -> b.queueUrl(queue()).messageBody(JSON.valueToTree(order).toString()).messageGroupId(order.tenantId())
                    .messageDeduplicationId(order.deduplicationId()));
        }
    }

    @Test
    void each_message_polls_its_tenant_and_one_that_is_not_poll_work_is_retried_alone_then_dead_lettered() {
        SimulatedSalesforce org = SimulatedSalesforceResource.salesforce();
        org.reset();
        String tenant = Ids.tenant();
        connect.connectDirectly(tenant, org);
        new OrgFixture(org, Instant.now()).week();
        WorkOrder poll = new WorkOrder("salesforce-poll", tenant, 1, 0);
        WorkOrder misrouted = new WorkOrder("front-reconcile", Ids.tenant(), 1, 0);
        send(poll);
        send(misrouted);

        List<LocalEventSource.Batch> batches;
        try (LocalEventSource source = new LocalEventSource(queue())) {
            batches = source.drain(10, SalesforcePollWorkerTest::invoke, Duration.ofSeconds(90));
            assertThat(source.depth(WorkQueuesResource.queues().get("test.work.salesforce-poll-dead-letters")))
                    .as("the misrouted message, after %d tries", WorkQueues.MAX_RECEIVES).isEqualTo(1);
        }

        assertThat(activities.forSourceRecord(tenant, Source.SALESFORCE, OrgFixture.OPP)).isNotEmpty();
        List<Message> handed = batches.stream().flatMap(b -> b.messages().stream()).toList();
        Set<String> failed = batches.stream().flatMap(b -> b.failed().stream()).collect(Collectors.toSet());
        assertThat(handed.stream().filter(m -> m.body().contains("\"front-reconcile\""))).hasSize(WorkQueues.MAX_RECEIVES)
                .allMatch(m -> failed.contains(m.messageId()));
        assertThat(handed.stream().filter(m -> m.body().contains(tenant))).as("the poll ran, was acknowledged, and did not come back")
                .allMatch(m -> !failed.contains(m.messageId())).extracting(m -> order(m).continuation()).startsWith(0).doesNotHaveDuplicates();
    }

    @Test
    void a_backfill_stopped_at_its_deadline_continues_through_its_own_messages_until_everything_is_stored() {
        SimulatedSalesforce org = SimulatedSalesforceResource.salesforce();
        org.reset();
        String tenant = Ids.tenant();
        connect.connectDirectly(tenant, org);
        OrgFixture fixture = new OrgFixture(org, Instant.now()).week();
        for (int i = 0; i < 40; i++) {
            org.put("Task", fixture.row(String.format("00T%012dAAA", i), Duration.ofDays(10 + i), "OwnerId", OrgFixture.REP,
                    "TaskSubtype", "Call", "CallDurationInSeconds", 60 + i, "IsClosed", true, "Subject", "Call " + i));
        }
        org.pageSize(4).latency(120);
        send(new WorkOrder("salesforce-poll", tenant, 2, 0));

        List<LocalEventSource.Batch> batches;
        try (LocalEventSource source = new LocalEventSource(queue())) {
            batches = source.drain(1, SalesforcePollWorkerTest::invoke, Duration.ofSeconds(120));
        } finally {
            org.latency(0);
        }

        List<Integer> continuations = batches.stream().flatMap(b -> b.messages().stream()).map(m -> order(m).continuation()).toList();
        assertThat(continuations).as("the 1-second poll deadline stopped the backfill; each run enqueued the next").hasSizeGreaterThan(1)
                .startsWith(0, 1);
        for (int i = 0; i < 40; i++) {
            assertThat(activities.forSourceRecord(tenant, Source.SALESFORCE, String.format("00T%012dAAA", i))).as("call %d", i).isNotEmpty();
        }
    }

    private static WorkOrder order(Message message) {
        try {
            return JSON.readValue(message.body(), WorkOrder.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
