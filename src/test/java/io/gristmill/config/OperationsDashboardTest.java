package io.gristmill.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The operations dashboard of template.yaml shows every function (errors, throttles, duration,
 * concurrency), every queue, both APIs and the table, and names only resources that exist: a
 * function or queue added to the template without a place here fails.
 */
class OperationsDashboardTest {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9:]+)(\\.[A-Za-z]+)?}");

    @Test
    void the_dashboard_shows_every_function_queue_api_and_the_table() throws Exception {
        // CloudFormation tags (!Sub) are read as plain values: the body is the !Sub string.
        JsonNode template = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Path.of("template.yaml")));
        JsonNode resources = template.path("Resources");
        String body = resources.path("OperationsDashboard").path("Properties").path("DashboardBody").asText();
        JsonNode widgets = new ObjectMapper().readTree(body).path("widgets");
        assertThat(widgets.size()).isGreaterThan(5);

        Set<String> referenced = new TreeSet<>();
        Matcher matcher = REFERENCE.matcher(body);
        while (matcher.find()) {
            referenced.add(matcher.group(1));
        }
        assertThat(referenced).allSatisfy(name -> assertThat(name.startsWith("AWS::") || resources.has(name)).as(name + " exists").isTrue());

        List<String> functions = new ArrayList<>();
        List<String> queues = new ArrayList<>();
        resources.properties().forEach(r -> {
            switch (r.getValue().path("Type").asText()) {
                case "AWS::Serverless::Function" -> functions.add(r.getKey());
                case "AWS::SQS::Queue" -> queues.add(r.getKey());
                default -> { }
            }
        });
        for (String metric : List.of("Errors", "Throttles", "Duration", "ConcurrentExecutions")) {
            assertThat(dimensions(widgets, "AWS/Lambda", metric)).as("AWS/Lambda " + metric)
                    .containsAll(functions.stream().map(f -> "${" + f + "}").toList());
        }
        for (String metric : List.of("ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage")) {
            assertThat(dimensions(widgets, "AWS/SQS", metric)).as("AWS/SQS " + metric)
                    .containsAll(queues.stream().map(q -> "${" + q + ".QueueName}").toList());
        }
        assertThat(dimensions(widgets, "AWS/ApiGateway", "5xx")).contains("${HttpApi}");
        assertThat(dimensions(widgets, "AWS/ApiGateway", "5XXError")).as("the webhook REST API, by the name the template gives it")
                .contains(resources.path("WebhookApi").path("Properties").path("Name").asText());
        assertThat(dimensions(widgets, "AWS/DynamoDB", "ThrottledRequests")).contains("${GristmillTable}");
        assertThat(template.path("Outputs").has("OperationsDashboardUrl")).isTrue();
    }

    /** The first dimension value of every metric line {@code [namespace, metric, dimension, value, ...]}. */
    private static List<String> dimensions(JsonNode widgets, String namespace, String metric) {
        List<String> values = new ArrayList<>();
        widgets.forEach(widget -> widget.path("properties").path("metrics").forEach(line -> {
            if (namespace.equals(line.path(0).asText()) && metric.equals(line.path(1).asText())) {
                values.add(line.path(3).asText());
            }
        }));
        return values;
    }
}
