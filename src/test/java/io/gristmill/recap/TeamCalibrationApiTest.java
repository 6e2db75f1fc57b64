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

/** {@code GET /teams/{managerId}/review-context}: the calibration view's route, through the Lambda mock event server. */
@QuarkusTest
class TeamCalibrationApiTest {
    private static final String PERIOD = "/teams/emp-mia/review-context?from=2026-09-01&to=2026-10-31";

    @Inject
    RecapWorld.Factory worlds;

    @Inject
    io.gristmill.directory.EmployeeDirectory directory;
    @Inject
    io.gristmill.tenant.TenantSettingsStore settings;

    RecapWorld world;

    @BeforeEach
    void company() {
        world = worlds.create();
    }

    private HttpApiEvent.Response get(String path, Map<String, String> claims) {
        return request("GET", path).claims(claims).send();
    }

    private static JsonNode person(JsonNode calibration, String employeeId) {
        for (JsonNode person : calibration.get("people")) {
            if (person.get("employeeId").asText().equals(employeeId)) {
                return person;
            }
        }
        throw new AssertionError(employeeId + " is not in " + calibration);
    }

    @Test
    void the_team_side_by_side_counts_only_confirmed_weeks_under_the_same_measures_for_everyone() {
        get("/recaps/emp-ada/2026-W40", world.as("emp-ada")); // Ada's draft: not for her manager
        JsonNode drafts = get(PERIOD, world.as("emp-mia")).body();
        assertThat(drafts.get("weeks").asInt()).isEqualTo(9);
        assertThat(person(drafts, "emp-ada").get("confirmedWeeks").asInt()).isZero();
        assertThat(person(drafts, "emp-ada").get("values").isEmpty()).as("a draft shows no figures").isTrue();
        assertThat(drafts.get("measures")).isEmpty();

        request("POST", "/recaps/emp-ada/2026-W40/confirm").claims(world.as("emp-ada")).send();
        JsonNode bobsWeek = request("POST", "/recaps/emp-bob/2026-W40/generate").claims(world.as("emp-bob")).send().body();
        request("POST", "/recaps/emp-bob/2026-W40/confirm").claims(world.as("emp-bob")).send();
        Map<String, java.math.BigDecimal> bobsFigures = new java.util.HashMap<>();
        bobsWeek.at("/content/sections").forEach(section -> section.get("metrics").forEach(m -> bobsFigures.put(
                m.get("id").asText() + (m.hasNonNull("currency") ? "." + m.get("currency").asText() : ""), m.get("value").decimalValue())));
        JsonNode confirmed = get(PERIOD, world.as("emp-mia")).body();

        JsonNode ada = person(confirmed, "emp-ada");
        JsonNode bob = person(confirmed, "emp-bob");
        assertThat(ada.get("confirmedWeeks").asInt()).isEqualTo(1);
        assertThat(ada.at("/values/dealsWon").asInt()).isEqualTo(2);
        assertThat(bob.get("confirmedWeeks").asInt()).isEqualTo(1);
        assertThat(confirmed.get("measures").findValuesAsText("key")).contains("dealsWon");
        for (String key : confirmed.get("measures").findValuesAsText("key")) {
            assertThat(bob.at("/values/" + key).decimalValue()).as("Bob's " + key + ": his confirmed figure, or 0 side by side where he has none")
                    .isEqualByComparingTo(bobsFigures.getOrDefault(key, java.math.BigDecimal.ZERO));
        }
        assertThat(bobsFigures.keySet()).as("the fixture gives Bob fewer measures than Ada").isNotEqualTo(
                new java.util.HashSet<>(confirmed.get("measures").findValuesAsText("key")));
        assertThat(bob.get("values").size()).isEqualTo(confirmed.get("measures").size()).isEqualTo(ada.get("values").size());
        assertThat(confirmed.get("measures").findValuesAsText("key")).as("rates and medians are not added up").doesNotContain("reopenRate");
    }

    @Test
    void a_report_outside_the_recap_groups_who_confirmed_nothing_is_not_compared() {
        settings.put(world.tenant, new io.gristmill.tenant.TenantSettings("Europe/Berlin", java.time.DayOfWeek.MONDAY, null, null,
                java.util.List.of("sales")), "test");
        directory.put(world.tenant, "emp-ops", new io.gristmill.directory.EmployeeInput("Olli Ops", "ops@acme.test", "emp-mia", null,
                java.util.List.of("ops"), null, true, null), 0);

        JsonNode calibration = get(PERIOD, world.as("emp-mia")).body();

        assertThat(calibration.get("people").findValuesAsText("employeeId")).containsExactlyInAnyOrder("emp-ada", "emp-bob");
    }

    @Test
    void only_the_manager_and_those_above_compare_the_team() {
        assertThat(get(PERIOD, world.as("emp-vic")).status()).isEqualTo(200);
        assertError(get(PERIOD, world.as("emp-ada")), 403, "forbidden");
        assertError(get(PERIOD, world.as("emp-eve")), 403, "forbidden");
        assertError(get("/teams/emp-mia/review-context?from=2026-10-31&to=2026-09-01", world.as("emp-mia")), 400, "bad_request");
        assertError(get("/teams/emp-mia/review-context?from=2026-09-01", world.as("emp-mia")), 400, "bad_request");
    }
}
