package io.gristmill.recap;

import static io.gristmill.http.ApiRouterTestSupport.assertError;
import static io.gristmill.testing.HttpApiEvent.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.gristmill.activity.Activity;
import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.Source;
import io.gristmill.testing.HttpApiEvent;
import io.quarkus.test.junit.QuarkusTest;

/** Recaps through the Lambda mock event server, over activity stored in DynamoDB Local. */
@QuarkusTest
class RecapApiTest {
    private static final String W40 = "/recaps/emp-ada/2026-W40";

    @Inject
    RecapWorld.Factory worlds;
    @Inject
    io.gristmill.directory.EmployeeDirectory directory;

    @Inject
    io.gristmill.tenant.TenantSettingsStore settings;
    @Inject
    ActivityStore activities;

    RecapWorld world;

    @BeforeEach
    void company() {
        world = worlds.create();
    }

    private HttpApiEvent.Response get(String path, Map<String, String> claims) {
        return request("GET", path).claims(claims).send();
    }

    private HttpApiEvent.Response post(String path, Map<String, String> claims, Object body) {
        HttpApiEvent event = request("POST", path).claims(claims);
        return (body == null ? event : event.jsonBody(body)).send();
    }

    private static JsonNode metric(JsonNode recap, String id) {
        for (JsonNode section : recap.at("/content/sections")) {
            for (JsonNode metric : section.get("metrics")) {
                if (metric.get("id").asText().equals(id)) {
                    return metric;
                }
            }
        }
        return null;
    }

    private static List<String> sections(JsonNode recap) {
        List<String> ids = new ArrayList<>();
        recap.at("/content/sections").forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }

    @Test
    void an_employee_reads_their_week_as_a_fresh_draft_computed_from_stored_activity() {
        HttpApiEvent.Response response = get(W40, world.as("emp-ada"));

        assertThat(response.status()).isEqualTo(200);
        JsonNode recap = response.body();
        assertThat(recap.get("status").asText()).isEqualTo("draft");
        assertThat(recap.get("version").asInt()).isEqualTo(1);
        assertThat(recap.get("from").asText()).isEqualTo("2026-09-27T22:00:00Z");
        assertThat(metric(recap, "amountWon").get("value").decimalValue()).isEqualByComparingTo("150000");
        assertThat(metric(recap, "conversationsHandled").get("value").asInt()).isEqualTo(6);
        assertThat(metric(recap, "medianFirstResponseSeconds").get("value").asInt()).isEqualTo(3600);
        assertThat(metric(recap, "reopenRate").get("value").decimalValue()).isEqualByComparingTo("0.25");
        assertThat(sections(recap)).containsExactly("sales", "customers");
        assertThat(recap.at("/content/highlights/0/link").asText()).isEqualTo("https://acme.my.salesforce.com/006A0000000003AAA");
        assertThat(recap.get("narrative").asText()).startsWith("Ada won 2 deals worth USD 150,000 in total. Ada lost 1 deal worth USD 15,000. "
                + "Ada moved 2 deals to a later stage (each deal counted once, however often it moved). "
                + "Ada opened 2 new deals, together worth EUR 20,000 and USD 50,000.");
        assertThat(recap.at("/versions/0/status").asText()).isEqualTo("draft");
        assertThat(metric(recap, "amountWon").has("evidence")).isFalse();
        // Reading again returns the stored draft, not another one.
        assertThat(get(W40, world.as("emp-ada")).body().get("generatedAt")).isEqualTo(recap.get("generatedAt"));
    }

    @Test
    void evidence_lists_the_activities_behind_every_number_when_asked() {
        JsonNode recap = get(W40 + "?include=evidence", world.as("emp-ada")).body();

        JsonNode won = metric(recap, "dealsWon");
        assertThat(won.get("evidence")).hasSize(2);
        JsonNode first = recap.at("/content/evidence").get(won.get("evidence").get(0).asText());
        assertThat(first.get("kind").asText()).isEqualTo("opportunity.won");
        assertThat(first.get("link").asText()).startsWith("https://acme.my.salesforce.com/006A");
    }

    @Test
    void a_stored_recap_whose_section_has_no_lines_reads_back_without_error() {
        // Eve answered one untagged conversation: a customers section with figures but no tag lines,
        // which the stored JSON leaves out.
        activities.record(new Activity(world.tenant, Optional.of("emp-eve"), Instant.parse("2026-09-29T09:00:00Z"), Source.FRONT,
                "front.message.sent", "cnv_eve", "evt_eve_1", Map.of("conversationId", "cnv_eve"), Map.of(), Map.of("eventType", "sent")));
        String eveW40 = "/recaps/emp-eve/2026-W40";
        assertThat(get(eveW40, world.as("emp-eve")).status()).isEqualTo(200);

        HttpApiEvent.Response stored = get(eveW40, world.as("emp-eve"));

        assertThat(stored.status()).isEqualTo(200);
        assertThat(sections(stored.body())).containsExactly("customers");
        assertThat(stored.body().at("/content/sections/0").has("items")).isFalse();
        assertThat(metric(stored.body(), "conversationsHandled").get("value").asInt()).isEqualTo(1);
        assertThat(get(eveW40 + "?include=evidence", world.as("emp-eve")).status()).isEqualTo(200);
        assertThat(get(eveW40 + "?format=markdown", world.as("emp-eve")).status()).isEqualTo(200);
    }

    @Test
    void call_metrics_appear_when_requested_and_not_on_the_next_recap() {
        JsonNode withCalls = post(W40 + "/generate", world.as("emp-ada"), Map.of("include", List.of("salesforce.calls"))).body();
        assertThat(sections(withCalls)).containsExactly("sales", "customers", "calls");
        assertThat(metric(withCalls, "callsLogged").get("value").asInt()).isEqualTo(3);
        assertThat(metric(withCalls, "talkTimeSeconds").get("value").asInt()).isEqualTo(1020);
        assertThat(withCalls.at("/request/include/0").asText()).isEqualTo("salesforce.calls");

        assertThat(sections(get("/recaps/emp-ada/2026-W41", world.as("emp-ada")).body())).doesNotContain("calls");
        assertThat(sections(post(W40 + "/generate", world.as("emp-ada"), null).body())).doesNotContain("calls");
    }

    @Test
    void a_saved_template_is_reused_on_later_recaps() {
        JsonNode template = post("/prompt-templates", world.as("emp-ada"), Map.of("name", "Calls focus",
                "sections", List.of("sales", "calls"), "include", List.of("salesforce.calls"), "instructions", "Keep it short")).body();
        String id = template.get("templateId").asText();

        JsonNode first = post(W40 + "/generate", world.as("emp-ada"), Map.of("templateId", id)).body();
        JsonNode later = post("/recaps/emp-ada/2026-W41/generate", world.as("emp-ada"), Map.of("templateId", id)).body();

        assertThat(sections(first)).containsExactly("sales", "calls");
        assertThat(first.at("/template/name").asText()).isEqualTo("Calls focus");
        assertThat(first.get("instructions").asText()).isEqualTo("Keep it short");
        assertThat(later.at("/template/templateId").asText()).isEqualTo(id);
        assertThat(sections(later)).as("2026-W41 has the Monday-night win and the template's calls").containsExactly("sales", "calls");
        assertThat(get("/prompt-templates", world.as("emp-ada")).body().get("templates").findValuesAsText("scope"))
                .containsOnlyOnce("employee").containsOnly("employee", "builtin");
        assertThat(get("/prompt-templates", world.as("emp-bob")).body().get("templates").findValuesAsText("scope")).containsOnly("builtin");
    }

    @Test
    void the_tenant_default_template_applies_when_a_request_names_none() {
        HttpApiEvent.Response created = post("/prompt-templates", world.admin(), Map.of("name", "Company default", "scope", "tenant",
                "include", List.of("salesforce.calls"), "tenantDefault", true));
        assertThat(created.status()).isEqualTo(201);

        JsonNode recap = get(W40, world.as("emp-ada")).body();

        assertThat(recap.at("/template/scope").asText()).isEqualTo("tenant");
        assertThat(sections(recap)).contains("calls");
        assertError(post("/prompt-templates", world.as("emp-ada"), Map.of("name", "Mine", "scope", "tenant")), 403, "forbidden");
        String id = created.body().get("templateId").asText();
        assertError(request("DELETE", "/prompt-templates/" + id).claims(world.as("emp-ada")).send(), 403, "forbidden");
        assertThat(request("DELETE", "/prompt-templates/" + id).claims(world.admin()).send().status()).isEqualTo(204);
        assertError(get("/prompt-templates/" + id, world.as("emp-ada")), 404, "not_found");
    }

    @Test
    void confirming_shows_the_recap_to_the_manager_and_regenerating_adds_a_draft_version() {
        get(W40, world.as("emp-ada"));
        assertError(get(W40, world.as("emp-mia")), 404, "not_confirmed");

        JsonNode confirmed = post(W40 + "/confirm", world.as("emp-ada"), Map.of("version", 1)).body();
        assertThat(confirmed.get("status").asText()).isEqualTo("confirmed");
        assertThat(confirmed.get("managerId").asText()).isEqualTo("emp-mia");

        JsonNode v2 = post(W40 + "/generate", world.as("emp-ada"), Map.of("include", List.of("salesforce.calls"))).body();
        assertThat(v2.get("version").asInt()).isEqualTo(2);
        assertThat(v2.get("status").asText()).isEqualTo("draft");
        assertThat(post(W40 + "/generate", world.as("emp-ada"), null).body().get("version").asInt()).as("a draft is replaced in place").isEqualTo(2);

        JsonNode managerView = get(W40, world.as("emp-mia")).body();
        assertThat(managerView.get("version").asInt()).isEqualTo(1);
        assertThat(managerView.get("versions")).hasSize(1);
        JsonNode own = get(W40, world.as("emp-ada")).body();
        assertThat(own.get("version").asInt()).isEqualTo(2);
        assertThat(own.at("/versions/0/status").asText()).isEqualTo("confirmed");
        assertThat(own.at("/versions/1/status").asText()).isEqualTo("draft");
        assertThat(get(W40 + "?version=1", world.as("emp-ada")).body().get("status").asText()).isEqualTo("confirmed");

        assertThat(post(W40 + "/confirm", world.as("emp-ada"), Map.of("version", 1)).body().get("version").asInt())
                .as("confirming an already confirmed version answers it").isEqualTo(1);
        assertError(post(W40 + "/confirm", world.as("emp-ada"), Map.of("version", 3)), 409, "conflict");
        post(W40 + "/confirm", world.as("emp-ada"), null);
        assertThat(get(W40, world.as("emp-mia")).body().get("version").asInt()).isEqualTo(2);
    }

    @Test
    void the_team_view_lists_confirmed_recaps_who_is_pending_and_team_totals() {
        get(W40, world.as("emp-ada"));
        post(W40 + "/confirm", world.as("emp-ada"), null);

        JsonNode team = get("/teams/emp-mia/recaps/2026-W40", world.as("emp-mia")).body();

        assertThat(team.get("confirmed")).hasSize(1);
        assertThat(team.at("/confirmed/0/employeeId").asText()).isEqualTo("emp-ada");
        assertThat(team.at("/pending/0/employeeId").asText()).isEqualTo("emp-bob");
        assertThat(team.at("/pending/0/status").asText()).isEqualTo("not_generated");
        assertThat(team.at("/summary/confirmed").asInt()).isEqualTo(1);
        JsonNode totals = team.at("/summary/totals");
        assertThat(totals.findValues("id").stream().map(JsonNode::asText)).contains("amountWon", "repliesSent")
                .doesNotContain("medianFirstResponseSeconds", "reopenRate");
        assertThat(get("/teams/emp-mia/recaps/2026-W40", world.as("emp-vic")).status()).isEqualTo(200);
        assertError(get("/teams/emp-mia/recaps/2026-W40", world.as("emp-bob")), 403, "forbidden");
    }

    @Test
    void the_team_view_answers_html_and_markdown_like_the_recap() {
        get(W40, world.as("emp-ada"));
        post(W40 + "/confirm", world.as("emp-ada"), null);

        HttpApiEvent.Response html = get("/teams/emp-mia/recaps/2026-W40?format=html", world.as("emp-mia"));
        HttpApiEvent.Response markdown = get("/teams/emp-mia/recaps/2026-W40?format=markdown", world.as("emp-mia"));

        assertThat(html.header("content-type")).startsWith("text/html");
        assertThat(html.bodyText()).contains("Team recaps — Mia", "1 of 2 confirmed", "Amount won", "USD 150,000",
                "href=\"/recaps/emp-ada/2026-W40?format=html\"", "Not confirmed yet", "no recap yet");
        assertThat(markdown.header("content-type")).startsWith("text/markdown");
        assertThat(markdown.bodyText()).contains("## Team totals (confirmed recaps)", "- **Amount won:** USD 150,000 (1 person)",
                "- **Pipeline added:** EUR 20,000 (1 person)");
        assertError(get("/teams/emp-mia/recaps/2026-W40?format=pdf", world.as("emp-mia")), 400, "bad_request");
    }

    @Test
    void the_team_view_does_not_wait_for_reports_outside_the_recap_groups() {
        settings.put(world.tenant, new io.gristmill.tenant.TenantSettings("Europe/Berlin", java.time.DayOfWeek.MONDAY, null, null,
                List.of("sales")), "test");
        directory.put(world.tenant, "emp-ops", new io.gristmill.directory.EmployeeInput("Olli Ops", "ops@acme.test", "emp-mia", null,
                List.of("ops"), null, true, null), 0);

        JsonNode team = get("/teams/emp-mia/recaps/2026-W40", world.as("emp-mia")).body();

        assertThat(team.get("pending").findValuesAsText("employeeId")).containsExactlyInAnyOrder("emp-ada", "emp-bob");
        assertThat(team.at("/summary/reports").asInt()).isEqualTo(2);
    }

    @Test
    void review_context_gives_the_employee_the_period_total_and_a_trend_per_week() {
        get(W40, world.as("emp-ada"));
        post(W40 + "/confirm", world.as("emp-ada"), null);

        JsonNode review = get("/employees/emp-ada/review-context?from=2026-09-01&to=2026-10-31", world.as("emp-ada")).body();

        // Initech 120,000 + Umbrella 30,000 in W40, and the deal won Monday 00:30 of W41: 999,999.
        assertThat(metric(wrap(review.get("total")), "amountWon").get("value").decimalValue()).isEqualByComparingTo("1149999");
        assertThat(review.get("weeks").findValues("week").stream().map(JsonNode::asText))
                .containsExactly("2026-W36", "2026-W37", "2026-W38", "2026-W39", "2026-W40", "2026-W41", "2026-W42", "2026-W43", "2026-W44");
        JsonNode w40 = review.get("weeks").get(4);
        assertThat(w40.get("confirmed").asBoolean()).isTrue();
        assertThat(w40.at("/metrics/dealsWon").asInt()).isEqualTo(2);
        assertThat(review.get("weeks").get(0).get("from").asText()).as("the first week is cut at the period start").isEqualTo("2026-08-31T22:00:00Z");
        assertThat(review.get("weeks").get(3).get("metrics").has("dealsWon")).isFalse();
        assertThat(review.get("basis").asText()).isEqualTo("activity");
        assertError(get("/employees/emp-ada/review-context?from=2026-09-01&to=2026-10-31", world.as("emp-bob")), 403, "forbidden");
    }

    @Test
    void managers_see_in_review_context_only_what_the_employee_confirmed() {
        String period = "/employees/emp-ada/review-context?from=2026-09-01&to=2026-10-31";
        get(W40, world.as("emp-ada")); // a draft of W40, not confirmed

        JsonNode unconfirmed = get(period, world.as("emp-mia")).body();
        assertThat(unconfirmed.get("basis").asText()).isEqualTo("confirmed_recaps");
        assertThat(unconfirmed.get("weeks").findValues("confirmed").stream().map(JsonNode::asBoolean)).containsOnly(false);
        assertThat(unconfirmed.get("weeks").findValues("metrics")).allSatisfy(m -> assertThat(m.isEmpty()).isTrue());
        assertThat(unconfirmed.at("/total/sections")).isEmpty();

        // Ada asked for her call figures in a draft, then confirmed a version without them.
        post(W40 + "/generate", world.as("emp-ada"), Map.of("include", List.of("salesforce.calls")));
        post(W40 + "/generate", world.as("emp-ada"), null);
        post(W40 + "/confirm", world.as("emp-ada"), null);

        JsonNode review = get(period, world.as("emp-mia")).body();
        JsonNode w40 = review.get("weeks").get(4);
        assertThat(w40.get("week").asText()).isEqualTo("2026-W40");
        assertThat(w40.get("confirmed").asBoolean()).isTrue();
        assertThat(w40.at("/metrics/dealsWon").asInt()).isEqualTo(2);
        assertThat(w40.get("metrics").has("callsLogged")).as("calls were not in the confirmed version").isFalse();
        // W41 holds the 999,999 Monday-night win but was never confirmed: the total leaves it out.
        assertThat(review.get("weeks").get(5).get("metrics").isEmpty()).isTrue();
        assertThat(metric(wrap(review.get("total")), "amountWon").get("value").decimalValue()).isEqualByComparingTo("150000");
        assertThat(metric(wrap(review.get("total")), "reopenRate")).as("rates are not added up").isNull();
        assertThat(review.toString()).doesNotContain("evidence");
        assertThat(get(period, world.as("emp-vic")).status()).as("skip-level manager").isEqualTo(200);

        assertError(get(period + "&include=evidence", world.as("emp-mia")), 403, "forbidden");
        assertError(get(period + "&include=salesforce.calls", world.as("emp-mia")), 403, "forbidden");
        assertError(get(period, world.admin()), 403, "forbidden");
        assertError(get(period, world.as("emp-eve")), 403, "forbidden");
    }

    @Test
    void review_context_dates_outside_the_supported_weeks_are_a_400() {
        assertError(get("/employees/emp-ada/review-context?from=1999-12-27&to=2000-01-09", world.as("emp-ada")), 400, "bad_request");
        assertError(get("/employees/emp-ada/review-context?from=2999-12-20&to=2999-12-31", world.as("emp-ada")), 400, "bad_request");
        assertError(get("/employees/emp-ada/review-context?from=1999-12-27&to=2000-01-09", world.as("emp-mia")), 400, "bad_request");
        assertThat(get("/employees/emp-ada/review-context?from=2000-01-03&to=2000-01-09", world.as("emp-ada")).status()).isEqualTo(200);
    }

    @Test
    void admins_read_no_recap_for_being_admins() {
        get(W40, world.as("emp-ada"));
        post(W40 + "/confirm", world.as("emp-ada"), null);

        assertError(get(W40, world.admin()), 403, "forbidden");
        assertError(get("/teams/emp-mia/recaps/2026-W40", world.admin()), 403, "forbidden");
        assertError(get("/employees/emp-ada/review-context?from=2026-09-28&to=2026-10-04", world.admin()), 403, "forbidden");
        // An admin who is also an employee reads through the chain like anyone else.
        assertThat(get(W40, io.gristmill.testing.HttpApiEvent.caller(world.tenant, "admin", "emp-mia")).status()).isEqualTo(200);
    }

    @Test
    void a_delegation_grants_read_access_until_it_is_revoked_and_every_change_is_logged() {
        get(W40, world.as("emp-ada"));
        post(W40 + "/confirm", world.as("emp-ada"), null);
        assertError(get(W40, world.as("emp-eve")), 403, "forbidden");

        HttpApiEvent.Response granted = request("PUT", "/employees/emp-ada/delegates/emp-eve").claims(world.as("emp-mia"))
                .jsonBody(Map.of("reason", "HR partner for the review")).send();
        assertThat(granted.status()).isEqualTo(201);
        assertThat(request("PUT", "/employees/emp-ada/delegates/emp-eve").claims(world.admin()).send().status())
                .as("granting again changes nothing").isEqualTo(200);

        assertThat(get(W40, world.as("emp-eve")).status()).isEqualTo(200);
        assertThat(get("/employees/emp-ada/review-context?from=2026-09-28&to=2026-10-04", world.as("emp-eve")).status()).isEqualTo(200);
        JsonNode team = get("/teams/emp-mia/recaps/2026-W40", world.as("emp-eve")).body();
        assertThat(team.get("confirmed").findValuesAsText("employeeId")).containsExactly("emp-ada");
        assertThat(team.get("pending")).as("Bob's recaps were not delegated").isEmpty();
        assertError(get("/recaps/emp-bob/2026-W40", world.as("emp-eve")), 403, "forbidden");

        assertThat(request("DELETE", "/employees/emp-ada/delegates/emp-eve").claims(world.admin()).send().status()).isEqualTo(204);
        assertError(get(W40, world.as("emp-eve")), 403, "forbidden");
        assertError(get("/teams/emp-mia/recaps/2026-W40", world.as("emp-eve")), 403, "forbidden");

        JsonNode listed = get("/employees/emp-ada/delegates", world.as("emp-ada")).body();
        assertThat(listed.get("delegates")).isEmpty();
        assertThat(listed.get("log").findValuesAsText("action")).containsExactly("granted", "revoked");
        assertThat(listed.at("/log/0/by").asText()).isEqualTo("emp-mia");
        assertThat(listed.at("/log/0/reason").asText()).isEqualTo("HR partner for the review");
        assertThat(listed.at("/log/1/by").asText()).isEqualTo("emp-admin");
        assertThat(listed.at("/log/1/at").asText()).isNotBlank();
    }

    @Test
    void only_managers_and_admins_change_delegations_and_bad_ones_are_refused() {
        assertError(request("PUT", "/employees/emp-ada/delegates/emp-eve").claims(world.as("emp-bob")).send(), 403, "forbidden");
        assertError(request("PUT", "/employees/emp-ada/delegates/emp-eve").claims(world.as("emp-ada")).send(), 403, "forbidden");
        assertError(request("PUT", "/employees/emp-ada/delegates/emp-ada").claims(world.as("emp-mia")).send(), 400, "bad_request");
        assertError(request("PUT", "/employees/emp-ada/delegates/emp-nobody").claims(world.as("emp-mia")).send(), 404, "not_found");
        assertError(request("PUT", "/employees/emp-ada/delegates/emp-eve").claims(world.as("emp-mia"))
                .jsonBody(Map.of("reason", "x".repeat(201))).send(), 400, "bad_request");
        assertError(request("DELETE", "/employees/emp-ada/delegates/emp-eve").claims(world.as("emp-bob")).send(), 403, "forbidden");
        assertError(get("/employees/emp-ada/delegates", world.as("emp-bob")), 403, "forbidden");
        assertThat(get("/employees/emp-ada/delegates", world.as("emp-ada")).body().get("log")).as("nothing was changed").isEmpty();
    }

    private static JsonNode wrap(JsonNode content) {
        return new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().set("content", content);
    }

    @Test
    void who_may_read_a_confirmed_recap() {
        get(W40, world.as("emp-ada"));
        post(W40 + "/confirm", world.as("emp-ada"), null);

        assertThat(get(W40, world.as("emp-ada")).status()).as("employee").isEqualTo(200);
        assertError(get(W40, world.as("emp-bob")), 403, "forbidden");
        assertError(get(W40, world.as("emp-eve")), 403, "forbidden");
        assertThat(get(W40, world.as("emp-mia")).status()).as("manager").isEqualTo(200);
        assertThat(get(W40, world.as("emp-vic")).status()).as("skip-level manager").isEqualTo(200);
        assertError(get(W40, world.admin()), 403, "forbidden");
        assertError(get(W40, io.gristmill.testing.HttpApiEvent.admin("another-tenant")), 404, "not_found");
        assertError(post(W40 + "/generate", world.as("emp-mia"), null), 403, "forbidden");
        assertError(post(W40 + "/confirm", world.as("emp-mia"), null), 403, "forbidden");
        assertError(post(W40 + "/confirm", world.admin(), null), 403, "forbidden");
    }

    @Test
    void a_deactivated_employees_confirmed_recaps_stay_readable_by_their_former_manager() {
        get(W40, world.as("emp-ada"));
        post(W40 + "/confirm", world.as("emp-ada"), null);
        io.gristmill.directory.Employee ada = directory.find(world.tenant, "emp-ada").orElseThrow();
        directory.put(world.tenant, "emp-ada", new io.gristmill.directory.EmployeeInput(ada.name(), ada.email(), "emp-eve", null,
                ada.groups(), ada.identities(), false, null), ada.version());

        assertThat(get(W40, world.as("emp-mia")).status()).as("former manager").isEqualTo(200);
        assertThat(get(W40, world.as("emp-eve")).status()).as("new manager").isEqualTo(200);
    }

    @Test
    void markdown_and_html_are_rendered_on_request() {
        HttpApiEvent.Response markdown = get(W40 + "?format=markdown", world.as("emp-ada"));
        assertThat(markdown.header("content-type")).startsWith("text/markdown");
        assertThat(markdown.bodyText()).contains("# Weekly recap — Ada Lovelace, 2026-W40", "## Sales", "- **Amount won:** USD 150,000",
                "- **Pipeline added:** EUR 20,000", "- **Pipeline added:** USD 50,000",
                "[Initech renewal](https://acme.my.salesforce.com/006A0000000003AAA) — Proposal → Negotiation (USD 120,000)",
                "- billing tag: 2 conversations", "- shipping tag: 1 conversation");
        assertThat(markdown.bodyText().replaceAll("\\]\\([^)]*\\)", "]")).as("no internal ids in text meant for people, links aside")
                .doesNotContain("cnv_", "006A0000", "emp-ada");

        HttpApiEvent.Response html = request("GET", W40).claims(world.as("emp-ada")).header("accept", "text/html").send();
        assertThat(html.header("content-type")).startsWith("text/html");
        assertThat(html.bodyText()).contains("<svg", "Activity per day", "name=\"viewport\"", "Median first response");
    }

    @Test
    void markdown_shows_hostile_names_and_instructions_as_text() {
        activities.record(new Activity(world.tenant, Optional.of("emp-ada"), Instant.parse("2026-09-30T09:00:00Z"), Source.SALESFORCE,
                "opportunity.won", "006A000000000EVLAA", "006A000000000EVLAA#won",
                Map.of("opportunityId", "006A000000000EVLAA", "opportunityName", "<img src=x onerror=alert(1)>"),
                Map.of("amount", new java.math.BigDecimal("500000")), Map.of("stage", "Closed Won")));
        post(W40 + "/generate", world.as("emp-ada"), Map.of("instructions", "[Your review is ready - sign in](https://evil.example)"));

        String markdown = get(W40 + "?format=markdown", world.as("emp-ada")).bodyText();

        assertThat(markdown).doesNotContain("<img").contains("&lt;img src=x onerror=alert\\(1\\)&gt;");
        assertThat(markdown).contains("> Requested for this recap: ` [Your review is ready - sign in](https://evil.example) `");
    }

    @Test
    void bad_requests_get_a_clear_error() {
        assertError(get("/recaps/emp-ada/2026-40", world.as("emp-ada")), 400, "bad_request");
        assertError(get("/recaps/emp-ada/2026-W54", world.as("emp-ada")), 400, "bad_request");
        assertError(get("/recaps/emp-nobody/2026-W40", world.as("emp-ada")), 404, "not_found");
        assertError(get("/recaps/emp-ada/2099-W01", world.as("emp-ada")), 400, "bad_request");
        assertError(get(W40 + "?format=pdf", world.as("emp-ada")), 400, "bad_request");
        assertError(get(W40 + "?include=everything", world.as("emp-ada")), 400, "bad_request");
        assertError(get(W40 + "?version=zero", world.as("emp-ada")), 400, "bad_request");
        assertError(post(W40 + "/generate", world.as("emp-ada"), Map.of("templateId", "0123456789abcdef")), 400, "bad_request");
        assertError(post(W40 + "/generate", world.as("emp-ada"), Map.of("include", List.of("salesforce.emails"))), 400, "bad_request");
        assertError(post(W40 + "/generate", world.as("emp-ada"), Map.of("instructions", "x".repeat(2001))), 400, "bad_request");
        assertError(post(W40 + "/generate", world.as("emp-ada"), Map.of("sections", List.of("sales"))), 400, "bad_request");
        assertError(post(W40 + "/confirm", world.as("emp-ada"), null), 404, "not_found");
        assertError(get("/employees/emp-ada/review-context?from=2026-10-01&to=2026-09-01", world.as("emp-ada")), 400, "bad_request");
        assertError(get("/employees/emp-ada/review-context?from=2025-01-01&to=2026-09-01", world.as("emp-ada")), 400, "bad_request");
        assertError(get("/employees/emp-ada/review-context?to=2026-09-01", world.as("emp-ada")), 400, "bad_request");
        assertError(get("/employees/emp-ada/review-context?from=2026-9-1&to=2026-09-30", world.as("emp-ada")), 400, "bad_request");
        assertError(post("/prompt-templates", world.as("emp-ada"), Map.of("name", "")), 400, "bad_request");
        assertError(post("/prompt-templates", world.as("emp-ada"), Map.of("name", "x", "sections", List.of("gossip"))), 400, "bad_request");
        assertError(post("/prompt-templates", world.as("emp-ada"), Map.of("name", "x", "tenantDefault", true)), 400, "bad_request");
        // Nothing was written by any of these.
        assertThat(get("/prompt-templates", world.as("emp-ada")).body().get("templates").findValuesAsText("scope")).containsOnly("builtin");
    }
}
