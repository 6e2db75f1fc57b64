package io.gristmill.recap;

import static io.gristmill.http.ApiRouterTestSupport.assertError;
import static io.gristmill.testing.HttpApiEvent.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.gristmill.testing.HttpApiEvent;
import io.quarkus.test.junit.QuarkusTest;

/** Built-in templates next to personal and company ones, and "save this as a template" from a version's request. */
@QuarkusTest
class PromptTemplateTiersTest {
    private static final String W40 = "/recaps/emp-ada/2026-W40";

    @Inject
    RecapWorld.Factory worlds;

    RecapWorld world;

    @BeforeEach
    void company() {
        world = worlds.create();
    }

    private HttpApiEvent.Response post(String path, Map<String, String> claims, Object body) {
        return request("POST", path).claims(claims).jsonBody(body).send();
    }

    @Test
    void built_in_templates_are_offered_to_everyone_applied_like_any_other_and_read_only() {
        JsonNode listed = request("GET", "/prompt-templates").claims(world.as("emp-ada")).send().body();
        assertThat(listed.at("/choices/sections").toString()).isEqualTo("[\"sales\",\"customers\",\"calls\",\"highlights\"]");
        assertThat(listed.at("/choices/include").toString()).isEqualTo("[\"salesforce.calls\",\"front.calls\"]");
        JsonNode templates = listed.get("templates");
        assertThat(templates.findValuesAsText("name")).contains("Sales week", "Support week", "Include my call metrics", "Short version");

        JsonNode calls = post(W40 + "/generate", world.as("emp-ada"), Map.of("templateId", "builtincallmetrics")).body();
        assertThat(calls.at("/template/scope").asText()).isEqualTo("builtin");
        assertThat(calls.get("included").toString()).isEqualTo("[\"salesforce.calls\",\"front.calls\"]");
        JsonNode brief = post(W40 + "/generate", world.as("emp-ada"), Map.of("templateId", "builtinshortversion")).body();
        assertThat(brief.get("narrative").asText().split("\\. ")).hasSizeLessThanOrEqualTo(3);

        assertError(request("PUT", "/prompt-templates/builtinsalesweek").claims(world.admin()).jsonBody(Map.of("name", "Mine")).send(), 403,
                "forbidden");
        assertError(request("DELETE", "/prompt-templates/builtinsalesweek").claims(world.admin()).send(), 403, "forbidden");
    }

    @Test
    void a_company_can_hide_built_in_templates() {
        HttpApiEvent.Response saved = request("PUT", "/tenants/" + world.tenant + "/settings").claims(world.admin())
                .jsonBody(Map.of("timeZone", "Europe/Berlin", "weekStart", "MONDAY",
                        "recaps", Map.of("hiddenTemplates", List.of("builtinsalesweek")))).send();
        assertThat(saved.status()).isEqualTo(200);
        JsonNode offered = request("GET", "/tenants/" + world.tenant + "/settings").claims(world.admin()).send().body()
                .at("/choices/builtInTemplates");
        assertThat(offered.findValuesAsText("templateId")).as("a hidden one can still be shown again")
                .containsExactlyElementsOf(BuiltInTemplates.ids());
        assertThat(offered.findValuesAsText("name")).contains("Sales week");

        JsonNode templates = request("GET", "/prompt-templates").claims(world.as("emp-ada")).send().body().get("templates");
        assertThat(templates.findValuesAsText("templateId")).doesNotContain("builtinsalesweek").contains("builtinsupportweek");
        assertError(post(W40 + "/generate", world.as("emp-ada"), Map.of("templateId", "builtinsalesweek")), 400, "bad_request");
        assertError(request("PUT", "/tenants/" + world.tenant + "/settings").claims(world.admin())
                .jsonBody(Map.of("timeZone", "Europe/Berlin", "weekStart", "MONDAY",
                        "recaps", Map.of("hiddenTemplates", List.of("builtinpoetry")))).send(), 400, "bad_request");
    }

    @Test
    void a_versions_request_is_saved_as_a_template_and_reused() {
        post(W40 + "/generate", world.as("emp-ada"), Map.of("request", "only sales, include my Salesforce calls, short, focus on renewals"));

        HttpApiEvent.Response created = post("/prompt-templates", world.as("emp-ada"),
                Map.of("name", "My sales week", "fromRecap", Map.of("week", "2026-W40")));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode template = created.body();
        assertThat(template.get("scope").asText()).isEqualTo("employee");
        assertThat(template.get("sections").toString()).isEqualTo("[\"sales\",\"calls\"]");
        assertThat(template.get("include").toString()).isEqualTo("[\"salesforce.calls\"]");
        assertThat(template.get("length").asText()).isEqualTo("short");
        assertThat(template.get("instructions").asText()).isEqualTo("Stress: renewals");
        JsonNode later = post("/recaps/emp-ada/2026-W41/generate", world.as("emp-ada"),
                Map.of("templateId", template.get("templateId").asText())).body();
        assertThat(later.get("instructions").asText()).isEqualTo("Stress: renewals\nLength: short, two or three sentences.");
        assertError(post("/prompt-templates", world.as("emp-ada"), Map.of("name", "None", "fromRecap", Map.of("week", "2026-W30"))), 404,
                "not_found");
        assertError(post("/prompt-templates", world.as("emp-ada"), Map.of("name", "Both", "include", List.of("front.calls"),
                "fromRecap", Map.of("week", "2026-W40"))), 400, "bad_request");
    }
}
