package io.gristmill.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gristmill.work.WorkMetrics.Value;

/**
 * A worker's figures as CloudWatch Embedded Metric Format: the shape the EMF specification
 * (docs.aws.amazon.com, "Embedded metric format specification") requires, one line per run.
 */
class WorkMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void one_run_is_one_emf_line_with_metrics_by_job_and_by_job_and_tenant() throws Exception {
        List<String> lines = new ArrayList<>();
        WorkMetrics metrics = new WorkMetrics(JSON, Clock.fixed(Instant.parse("2026-11-30T20:00:00Z"), ZoneOffset.UTC), true, lines::add);
        Map<String, Value> figures = new LinkedHashMap<>();
        figures.put("ApiCalls", Value.count(7));
        figures.put("LagSeconds", Value.seconds(42));
        figures.put("DurationMs", Value.millis(1300));

        metrics.emit(Job.SALESFORCE_POLL, "t-1", figures);

        assertThat(lines).hasSize(1);
        JsonNode line = JSON.readTree(lines.get(0));
        JsonNode aws = line.get("_aws");
        assertThat(aws.get("Timestamp").asLong()).isEqualTo(Instant.parse("2026-11-30T20:00:00Z").toEpochMilli());
        JsonNode directive = aws.get("CloudWatchMetrics").get(0);
        assertThat(directive.get("Namespace").asText()).isEqualTo("Gristmill");
        assertThat(directive.get("Dimensions").toString()).isEqualTo("[[\"Job\"],[\"Job\",\"Tenant\"]]");
        Map<String, String> units = new LinkedHashMap<>();
        directive.get("Metrics").forEach(m -> units.put(m.get("Name").asText(), m.get("Unit").asText()));
        assertThat(units).containsExactly(Map.entry("ApiCalls", "Count"), Map.entry("LagSeconds", "Seconds"),
                Map.entry("DurationMs", "Milliseconds"));
        assertThat(line.get("Job").asText()).isEqualTo("salesforce-poll");
        assertThat(line.get("Tenant").asText()).isEqualTo("t-1");
        assertThat(line.get("ApiCalls").asInt()).isEqualTo(7);
        assertThat(line.get("LagSeconds").asInt()).isEqualTo(42);
        assertThat(lines.get(0)).doesNotContain("\n");
    }

    @Test
    void without_tenant_metrics_the_tenant_is_a_field_of_the_line_but_no_dimension() throws Exception {
        List<String> lines = new ArrayList<>();
        new WorkMetrics(JSON, Clock.systemUTC(), false, lines::add).emit(Job.FRONT_RECONCILE, "t-2", Map.of("ApiCalls", Value.count(2)));

        JsonNode line = JSON.readTree(lines.get(0));
        assertThat(line.get("_aws").get("CloudWatchMetrics").get(0).get("Dimensions").toString()).isEqualTo("[[\"Job\"]]");
        assertThat(line.get("Tenant").asText()).isEqualTo("t-2");
    }

    @Test
    void tenants_are_enqueued_in_another_order_each_slot_and_the_same_order_within_one() {
        List<String> tenants = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tenants.add("t-" + i);
        }
        List<String> slotOne = FairOrder.of(tenants, 300);
        assertThat(FairOrder.of(tenants, 300)).isEqualTo(slotOne);
        assertThat(slotOne).containsExactlyInAnyOrderElementsOf(tenants);
        List<Integer> positionsOfFirst = new ArrayList<>();
        for (long slot = 0; slot < 40 * 300; slot += 300) {
            positionsOfFirst.add(FairOrder.of(tenants, slot).indexOf("t-0"));
        }
        assertThat(positionsOfFirst.stream().distinct().count()).as("t-0 is not always in the same place").isGreaterThan(10);
        assertThat(positionsOfFirst).as("and sometimes in the first half").anyMatch(p -> p < 25).anyMatch(p -> p >= 25);
    }
}
