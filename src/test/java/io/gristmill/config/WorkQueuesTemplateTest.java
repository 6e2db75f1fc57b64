package io.gristmill.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.gristmill.testing.LocalAws;

/** template.yaml's per-tenant work: schedules → dispatcher → one FIFO queue per job → its worker, dead letters and alarms. */
class WorkQueuesTemplateTest {
    private static final List<String> JOBS = List.of("SalesforcePoll", "FrontReconcile", "RecapDrafts");

    private static JsonNode resources() throws IOException {
        // CloudFormation tags (!Ref, !GetAtt) are read as their plain values.
        return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(LocalAws.projectDir().resolve("template.yaml"))).path("Resources");
    }

    @Test
    void every_schedule_goes_to_the_dispatcher_with_its_job_and_no_function_walks_every_tenant_on_a_schedule() throws IOException {
        JsonNode resources = resources();
        JsonNode events = resources.path("WorkDispatchFunction").path("Properties").path("Events");
        assertThat(events.path("SalesforcePollSchedule").path("Properties").path("Input").asText()).isEqualTo("{\"job\": \"salesforce-poll\"}");
        assertThat(events.path("FrontReconcileSchedule").path("Properties").path("Input").asText()).isEqualTo("{\"job\": \"front-reconcile\"}");
        assertThat(events.path("RecapDraftsSchedule").path("Properties").path("Input").asText()).isEqualTo("{\"job\": \"recap-drafts\"}");
        for (String job : JOBS) {
            assertThat(resources.path(job + "Function").path("Properties").has("Events")).as(job + "Function runs only when an operator invokes it")
                    .isFalse();
        }
    }

    @Test
    void each_job_has_a_fifo_queue_with_a_dead_letter_queue_and_a_worker_that_reports_partial_failures() throws IOException {
        JsonNode resources = resources();
        for (String job : JOBS) {
            JsonNode queue = resources.path(job + "Work").path("Properties");
            assertThat(queue.path("FifoQueue").asBoolean()).as(job).isTrue();
            assertThat(queue.path("DeduplicationScope").asText()).isEqualTo("messageGroup");
            assertThat(queue.path("RedrivePolicy").path("deadLetterTargetArn").asText()).isEqualTo(job + "WorkDeadLetters.Arn");
            assertThat(queue.path("RedrivePolicy").path("maxReceiveCount").asText()).isEqualTo("WorkMaxReceives");
            assertThat(resources.path(job + "WorkDeadLetters").path("Properties").path("FifoQueue").asBoolean()).isTrue();
            JsonNode worker = resources.path(job + "WorkerFunction").path("Properties");
            assertThat(queue.path("VisibilityTimeout").asInt()).as("a run in progress is never handed out twice")
                    .isGreaterThan(worker.path("Timeout").asInt());
            JsonNode source = worker.path("Events").path("Work").path("Properties");
            assertThat(worker.path("Events").path("Work").path("Type").asText()).isEqualTo("SQS");
            assertThat(source.path("Queue").asText()).isEqualTo(job + "Work.Arn");
            assertThat(source.path("FunctionResponseTypes").toString()).contains("ReportBatchItemFailures");
            assertThat(source.path("ScalingConfig").path("MaximumConcurrency").asText()).isEqualTo("WorkerMaximumConcurrency");
            assertThat(source.path("BatchSize").asInt()).isBetween(1, 10);
            assertThat(resources.path(job + "WorkAgeAlarm").path("Properties").path("MetricName").asText()).isEqualTo("ApproximateAgeOfOldestMessage");
            assertThat(resources.path(job + "WorkDeadLettersAlarm").path("Properties").path("Dimensions").get(0).path("Value").asText())
                    .isEqualTo(job + "WorkDeadLetters.QueueName");
        }
        assertThat(resources.path("SalesforcePollLagAlarm").path("Properties").path("MetricName").asText()).isEqualTo("LagSeconds");
        assertThat(resources.path("SyncDashboard").path("Properties").path("DashboardBody").asText()).contains("LagSeconds",
                "ApproximateAgeOfOldestMessage", "ApiCalls");
    }
}
