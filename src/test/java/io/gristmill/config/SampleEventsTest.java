package io.gristmill.config;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The sample events in {@code events/} (for {@code sam local invoke -e}) have the shapes the
 * functions read: the {@code api} ones are answered by the router with a real answer, never a
 * failure to parse.
 */
@QuarkusTest
class SampleEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode invoke(Path event) throws IOException {
        String raw = given().contentType("application/json").body(Files.readString(event)).post("/")
                .then().statusCode(200).extract().asString();
        return JSON.readTree(raw);
    }

    @Test
    void the_api_samples_reach_their_routes() throws IOException {
        JsonNode settings = invoke(Path.of("events/api-put-settings.json"));
        assertThat(settings.get("statusCode").asInt()).as(settings.toString()).isEqualTo(200);

        JsonNode recap = invoke(Path.of("events/api-get-recap.json"));
        assertThat(recap.get("statusCode").asInt()).as("no such employee in the sample tenant").isEqualTo(404);
        assertThat(JSON.readTree(recap.get("body").asText()).get("message").asText()).contains("emp-ada");
    }

    @Test
    void there_is_a_sample_for_every_function() throws IOException {
        List<String> samples;
        try (Stream<Path> files = Files.list(Path.of("events"))) {
            samples = files.map(f -> f.getFileName().toString()).toList();
        }
        for (FunctionName function : FunctionName.values()) {
            assertThat(samples).as("a sample event for " + function.exportName())
                    .anyMatch(name -> name.startsWith(function.exportName() + "-") || name.equals(function.exportName() + ".json"));
        }
        for (String sample : samples) {
            JsonNode event = JSON.readTree(Path.of("events", sample).toFile());
            boolean sqs = event.path("Records").path(0).path("eventSource").asText().equals("aws:sqs");
            boolean scheduleInput = event.size() == 1 && event.has("job");
            assertThat(event.has("version") || event.has("detail-type") || event.has("httpMethod") || sqs || scheduleInput)
                    .as(sample + " is an HTTP API, REST API (the webhook API), EventBridge or SQS event, or a schedule's input").isTrue();
        }
    }
}
