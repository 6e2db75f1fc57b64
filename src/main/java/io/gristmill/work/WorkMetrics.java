package io.gristmill.work;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Per-tenant sync metrics in CloudWatch Embedded Metric Format: one JSON line on standard output
 * per worker run, which CloudWatch Logs turns into metrics in namespace {@code Gristmill}, by job
 * and (unless {@code gristmill.work.tenant-metrics} is off) by job and tenant (API calls used, rows
 * read, activities stored, lag behind now, duration),
 * without a PutMetricData call on the worker's path. Standard output, not the logger: JSON
 * logging would wrap the line, and CloudWatch reads EMF only from a line that is the object itself.
 */
@ApplicationScoped
public class WorkMetrics {
    static final String NAMESPACE = "Gristmill";

    private final ObjectMapper json;
    private final Clock clock;
    private final boolean byTenant;
    private final Consumer<String> out;

    @Inject
    public WorkMetrics(ObjectMapper json, Clock clock, WorkConfig config) {
        this(json, clock, config.tenantMetrics(), System.out::println);
    }

    WorkMetrics(ObjectMapper json, Clock clock, boolean byTenant, Consumer<String> out) {
        this.json = json;
        this.clock = clock;
        this.byTenant = byTenant;
        this.out = out;
    }

    /** A metric value and its CloudWatch unit ({@code Count}, {@code Seconds}, {@code Milliseconds}). */
    public record Value(Number value, String unit) {
        public static Value count(long value) {
            return new Value(value, "Count");
        }

        public static Value seconds(long value) {
            return new Value(value, "Seconds");
        }

        public static Value millis(long value) {
            return new Value(value, "Milliseconds");
        }
    }

    /**
     * Emits one sync run's figures: API calls, rows read, activities stored, how far behind now its
     * furthest cursor is (when one is set) and how long it took.
     */
    public void emitSync(Job job, String tenantId, java.time.Instant started, int apiCalls, int rowsRead, int stored,
            java.util.Optional<java.time.Instant> furthestBehind) {
        Map<String, Value> figures = new LinkedHashMap<>();
        figures.put("ApiCalls", Value.count(apiCalls));
        figures.put("RowsRead", Value.count(rowsRead));
        figures.put("ActivitiesStored", Value.count(stored));
        furthestBehind.ifPresent(position -> figures.put("LagSeconds",
                Value.seconds(java.time.Duration.between(position, clock.instant()).toSeconds())));
        figures.put("DurationMs", Value.millis(java.time.Duration.between(started, clock.instant()).toMillis()));
        emit(job, tenantId, figures);
    }

    /** Emits one run's figures. */
    public void emit(Job job, String tenantId, Map<String, Value> values) {
        out.accept(line(job, tenantId, values));
    }

    String line(Job job, String tenantId, Map<String, Value> values) {
        List<Map<String, String>> metrics = new ArrayList<>();
        Map<String, Object> line = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            Map<String, String> metric = new LinkedHashMap<>();
            metric.put("Name", name);
            metric.put("Unit", value.unit());
            metrics.add(metric);
            line.put(name, value.value());
        });
        List<List<String>> dimensions = byTenant ? List.of(List.of("Job"), List.of("Job", "Tenant")) : List.of(List.of("Job"));
        Map<String, Object> directive = Map.of("Namespace", NAMESPACE, "Dimensions", dimensions, "Metrics", metrics);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics", List.of(directive)));
        document.put("Job", job.id());
        document.put("Tenant", tenantId);
        document.putAll(line);
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Metric values are always serializable", e);
        }
    }
}
