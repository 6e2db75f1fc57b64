package io.gristmill.recap;

import static io.gristmill.http.ApiRouterTestSupport.assertError;
import static io.gristmill.testing.HttpApiEvent.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.gristmill.testing.HttpApiEvent;
import io.quarkus.test.junit.QuarkusTest;

/** {@code PUT /recaps/{e}/{week}/context}: the employee's own words on a draft, kept apart from the generated text. */
@QuarkusTest
class RecapContextNoteTest {
    private static final String W40 = "/recaps/emp-ada/2026-W40";
    private static final String NOTE = "Initech only signed because of the pilot Bob and I ran in September.";

    @Inject
    RecapWorld.Factory worlds;

    RecapWorld world;

    @BeforeEach
    void company() {
        world = worlds.create();
    }

    private HttpApiEvent.Response context(Map<String, String> claims, Object body) {
        return request("PUT", W40 + "/context").claims(claims).jsonBody(body).send();
    }

    @Test
    void the_note_is_shown_as_the_employees_own_survives_regeneration_and_reaches_the_manager_on_confirmation() {
        String narrative = request("GET", W40).claims(world.as("emp-ada")).send().body().get("narrative").asText();

        JsonNode noted = context(world.as("emp-ada"), Map.of("note", NOTE)).body();
        assertThat(noted.at("/context/note").asText()).isEqualTo(NOTE);
        assertThat(noted.get("narrative").asText()).as("never mixed into the generated text").isEqualTo(narrative);

        JsonNode regenerated = request("POST", W40 + "/generate").claims(world.as("emp-ada")).jsonBody(Map.of("include", java.util.List.of("front.calls")))
                .send().body();
        assertThat(regenerated.at("/context/note").asText()).isEqualTo(NOTE);
        assertThat(request("GET", W40 + "?format=html").claims(world.as("emp-ada")).send().bodyText())
                .contains("<blockquote id=\"note\">In Ada&#39;s own words: Initech only signed because of the pilot Bob and I ran in September.");

        assertThat(request("GET", W40).claims(world.as("emp-mia")).send().status()).as("private until confirmed").isEqualTo(404);
        request("POST", W40 + "/confirm").claims(world.as("emp-ada")).jsonBody(Map.of()).send();
        assertThat(request("GET", W40).claims(world.as("emp-mia")).send().body().at("/context/note").asText()).isEqualTo(NOTE);
        assertThat(request("GET", "/teams/emp-mia/recaps/2026-W40?format=markdown").claims(world.as("emp-mia")).send().bodyText())
                .contains("> In their own words: Initech only signed");
    }

    @Test
    void only_the_employee_adds_context_and_only_to_a_draft() {
        request("GET", W40).claims(world.as("emp-ada")).send();

        assertError(context(world.as("emp-mia"), Map.of("note", "Nice")), 403, "forbidden");
        assertError(context(world.as("emp-ada"), Map.of("note", "x".repeat(1001))), 400, "bad_request");
        request("POST", W40 + "/confirm").claims(world.as("emp-ada")).jsonBody(Map.of()).send();
        assertError(context(world.as("emp-ada"), Map.of("note", "Too late")), 409, "conflict");
        assertThat(request("GET", W40).claims(world.as("emp-ada")).send().body().has("context")).isFalse();
    }
}
