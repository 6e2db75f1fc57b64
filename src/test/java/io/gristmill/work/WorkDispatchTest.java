package io.gristmill.work;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gristmill.connection.ConnectionStore;
import io.gristmill.testing.Ids;
import io.gristmill.testing.LocalAws;
import io.gristmill.testing.WorkDispatchProfile;
import io.gristmill.testing.WorkQueuesResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The schedules' dispatcher, through the Lambda mock event server, with the work queues in local SQS. */
@QuarkusTest
@TestProfile(WorkDispatchProfile.class)
class WorkDispatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ConnectionStore connections;

    private JsonNode dispatch(String schedule) throws Exception {
        return JSON.readTree(given().contentType("application/json").body(schedule).post("/").then().statusCode(200).extract().asString());
    }

    /** Everything on a queue, taken off it. */
    private static List<Message> takeAll(String queueUrl) {
        List<Message> all = new ArrayList<>();
        try (SqsClient sqs = LocalAws.get().sqs()) {
            for (List<Message> batch = receive(sqs, queueUrl); !batch.isEmpty(); batch = receive(sqs, queueUrl)) {
                all.addAll(batch);
                batch.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
            }
        }
        return all;
    }

    private static List<Message> receive(SqsClient sqs, String queueUrl) {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    private static List<Message> receiveOne(SqsClient sqs, String queueUrl) {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(1).waitTimeSeconds(0)).messages();
    }

    private static WorkOrder order(Message message) {
        try {
            return JSON.readValue(message.body(), WorkOrder.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_schedule_enqueues_one_run_per_connected_tenant_grouped_by_tenant_and_a_repeated_one_nothing_more() throws Exception {
        String first = Ids.tenant();
        String second = Ids.tenant();
        String gone = Ids.tenant();
        String frontOnly = Ids.tenant();
        for (String tenant : List.of(first, second, gone)) {
            connections.connected(tenant, "salesforce", "00D" + tenant, "005" + tenant, "https://" + tenant + ".my.salesforce.com", "login", "test");
        }
        connections.markDisconnected(gone, "salesforce");
        connections.connected(frontOnly, "front", "cmp_" + frontOnly, "tea_1", null, null, "test");
        String queue = WorkQueuesResource.queues().get("gristmill.work.salesforce-poll-queue");

        JsonNode report = dispatch("{\"job\": \"salesforce-poll\"}");
        JsonNode again = dispatch("{\"job\": \"salesforce-poll\"}");
        if (again.get("slot").asLong() != report.get("slot").asLong()) { // the two fell on either side of a slot's end: once more
            takeAll(queue);
            report = dispatch("{\"job\": \"salesforce-poll\"}");
            again = dispatch("{\"job\": \"salesforce-poll\"}");
        }

        assertThat(report.get("job").asText()).isEqualTo("salesforce-poll");
        assertThat(report.get("tenants").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(again.get("slot").asLong()).as("the same schedule slot").isEqualTo(report.get("slot").asLong());
        List<Message> queued = takeAll(queue);
        List<String> tenants = queued.stream().map(m -> order(m).tenantId()).toList();
        assertThat(tenants).as("each once, however often the slot's schedule fired").containsOnlyOnce(first, second)
                .doesNotContain(gone, frontOnly).doesNotHaveDuplicates();
        for (Message message : queued) {
            WorkOrder order = order(message);
            assertThat(order.job()).isEqualTo("salesforce-poll");
            assertThat(order.continuation()).isZero();
            assertThat(message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo(order.tenantId());
        }
        assertThat(takeAll(WorkQueuesResource.queues().get("gristmill.work.front-reconcile-queue")).stream().map(m -> order(m).tenantId()))
                .as("other jobs' queues get nothing").doesNotContain(frontOnly);
    }

    @Test
    void recap_drafts_are_dispatched_for_tenants_with_either_tool_connected() throws Exception {
        String salesforceOnly = Ids.tenant();
        String frontOnly = Ids.tenant();
        connections.connected(salesforceOnly, "salesforce", "00D" + salesforceOnly, "005", "https://x.my.salesforce.com", "login", "test");
        connections.connected(frontOnly, "front", "cmp_" + frontOnly, "tea_1", null, null, "test");

        dispatch("{\"job\": \"recap-drafts\"}");

        assertThat(takeAll(WorkQueuesResource.queues().get("gristmill.work.recap-drafts-queue")).stream().map(m -> order(m).tenantId()))
                .contains(salesforceOnly, frontOnly);
    }

    @Test
    void a_schedule_naming_no_job_is_refused_with_the_reason_and_enqueues_nothing() throws Exception {
        takeAll(WorkQueuesResource.queues().get("gristmill.work.salesforce-poll-queue"));

        JsonNode report = dispatch("{\"job\": \"salesforce-pol\"}");

        assertThat(report.get("error").asText()).contains("salesforce-poll", "front-reconcile", "recap-drafts", "'salesforce-pol'");
        assertThat(report.get("tenants").asInt()).isZero();
        assertThat(takeAll(WorkQueuesResource.queues().get("gristmill.work.salesforce-poll-queue"))).isEmpty();
    }

    @Test
    void two_runs_of_one_tenant_are_never_handed_out_at_once_while_other_tenants_run() {
        String queue = WorkQueuesResource.queues().get("gristmill.work.front-reconcile-queue");
        takeAll(queue);
        String busy = Ids.tenant();
        String other = Ids.tenant();
        try (SqsClient sqs = LocalAws.get().sqs()) {
            for (WorkOrder order : List.of(new WorkOrder("front-reconcile", busy, 1, 0), new WorkOrder("front-reconcile", busy, 1, 1),
                    new WorkOrder("front-reconcile", other, 1, 0))) {
                sqs.sendMessage(b -> b.queueUrl(queue).messageBody(JSON.valueToTree(order).toString()).messageGroupId(order.tenantId())
                        .messageDeduplicationId(order.deduplicationId()));
            }
            // One message a receive, as each of Lambda's concurrent pollers takes them: while the busy
            // tenant's first run is in flight, nobody gets its second; the other tenant's is free.
            List<Message> inFlight = new ArrayList<>();
            for (List<Message> one = receiveOne(sqs, queue); !one.isEmpty(); one = receiveOne(sqs, queue)) {
                inFlight.addAll(one);
            }
            assertThat(inFlight.stream().map(m -> order(m).tenantId())).containsExactlyInAnyOrder(busy, other);
            assertThat(inFlight.stream().filter(m -> order(m).tenantId().equals(busy))).singleElement()
                    .extracting(m -> order(m).continuation()).as("in the order sent").isEqualTo(0);

            inFlight.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle())));
            List<Message> next = receive(sqs, queue);
            assertThat(next).singleElement().extracting(m -> order(m).continuation()).isEqualTo(1);
            next.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle())));
        }
    }
}
