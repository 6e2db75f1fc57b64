package io.gristmill.front;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gristmill.testing.ActivityShapes;

/**
 * Every Front event type's recorded-shape events ({@code src/test/resources/front/mapped/<type>.json})
 * parsed and mapped, compared whole with the activities the fixture expects — no Quarkus, no
 * simulator. Teammates listed under {@code employees} are credited as {@code emp-<id>}. A call's
 * hangup is no activity of its own: it fills the duration of the call ({@code expectedCallSeconds}).
 * No stored value may carry a {@code SECRET} marker of the content fields.
 */
class EventFixturesTest {
    private static final Path FIXTURES = Path.of("src/test/resources/front/mapped");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void each_event_types_recorded_events_mean_exactly_the_expected_activities(String file) throws IOException {
        JsonNode fixture = JSON.readTree(FIXTURES.resolve(file).toFile());
        assertThat(fixture.path("source").asText()).as("where the event shape comes from").isNotBlank();
        List<String> employees = JSON.convertValue(fixture.path("employees"), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
        FrontMapper.Credit credit = (teammate, at) -> employees.contains(teammate) ? Optional.of("emp-" + teammate) : Optional.empty();
        List<Map<String, Object>> actual = new ArrayList<>();
        List<String> callSeconds = new ArrayList<>();
        for (JsonNode json : fixture.path("events")) {
            FrontEvent event = FrontEvent.parse(json, null);
            assertThat(event.type()).isEqualTo(fixture.path("type").asText());
            FrontMapper.map("t-fixture", event, credit).ifPresent(activity -> actual.add(ActivityShapes.whole(activity)));
            new FrontMapper(null).callDuration("t-fixture", event).ifPresent(end -> callSeconds.add(end.getValue().toPlainString()));
        }
        List<Map<String, Object>> expected = JSON.convertValue(fixture.path("expected"),
                JSON.getTypeFactory().constructCollectionType(List.class, Map.class));
        assertThat(actual).as(file).containsExactlyInAnyOrderElementsOf(expected.stream().map(ActivityShapes::expected).toList());
        assertThat(callSeconds).as("call durations filled").containsExactlyElementsOf(
                fixture.path("expectedCallSeconds").isMissingNode() ? List.of() : List.of(fixture.path("expectedCallSeconds").asText()));
        assertThat(JSON.writeValueAsString(actual)).as("no content").doesNotContain("SECRET");
    }
}
