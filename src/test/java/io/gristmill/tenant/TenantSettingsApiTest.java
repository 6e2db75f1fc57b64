package io.gristmill.tenant;

import static io.gristmill.http.ApiRouterTestSupport.assertError;
import static io.gristmill.testing.HttpApiEvent.admin;
import static io.gristmill.testing.HttpApiEvent.caller;
import static io.gristmill.testing.HttpApiEvent.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gristmill.testing.HttpApiEvent;
import io.gristmill.testing.Ids;
import io.quarkus.test.junit.QuarkusTest;

/** {@code GET/PUT /tenants/{tenantId}/settings} through the Lambda mock event server. */
@QuarkusTest
class TenantSettingsApiTest {
    /** Every object Gristmill reads (one class per object in salesforce/objects). */
    @Inject
    SalesforceObjectNames salesforceObjects;


    private static Map<String, Object> settings() {
        return Map.of(
                "timeZone", "Europe/Berlin",
                "weekStart", "MONDAY",
                "salesforce", Map.of("objects", List.of("Opportunity", "OpportunityHistory", "Task"),
                        "pipelines", List.of("012000000000001AAA")),
                "front", Map.of("inboxes", List.of("inb_55c8c149"), "teams", List.of("tim_1a2b")),
                "employeeGroups", List.of("sales-emea"));
    }

    @Test
    void a_tenant_without_saved_settings_reads_the_documented_defaults() {
        String tenant = Ids.tenant();
        HttpApiEvent.Response response = request("GET", "/tenants/" + tenant + "/settings").claims(admin(tenant)).send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().at("/settings/timeZone").asText()).isEqualTo("UTC");
        assertThat(response.body().at("/settings/weekStart").asText()).isEqualTo("MONDAY");
        assertThat(response.body().at("/settings/salesforce/objects").size()).isEqualTo(salesforceObjects.supported().size());
        assertThat(response.body().at("/settings/recaps/narrator").asText()).isEqualTo("template");
        assertThat(response.body().at("/updatedAt").isNull()).isTrue();
        List<String> choices = new java.util.ArrayList<>();
        response.body().at("/choices/salesforceObjects").forEach(o -> choices.add(o.asText()));
        assertThat(choices).as("what the settings page offers").containsExactlyInAnyOrderElementsOf(salesforceObjects.supported());
    }

    @Test
    void an_admin_saves_settings_and_reads_them_back() {
        String tenant = Ids.tenant();
        HttpApiEvent.Response saved = request("PUT", "/tenants/" + tenant + "/settings").claims(admin(tenant))
                .jsonBody(settings()).send();
        assertThat(saved.status()).isEqualTo(200);

        HttpApiEvent.Response read = request("GET", "/tenants/" + tenant + "/settings").claims(admin(tenant)).send();
        assertThat(read.body().at("/settings/timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(read.body().at("/settings/salesforce/objects").toString())
                .isEqualTo("[\"Opportunity\",\"OpportunityHistory\",\"Task\"]");
        assertThat(read.body().at("/settings/salesforce/pipelines/0").asText()).isEqualTo("012000000000001AAA");
        assertThat(read.body().at("/settings/front/inboxes/0").asText()).isEqualTo("inb_55c8c149");
        assertThat(read.body().at("/settings/employeeGroups/0").asText()).isEqualTo("sales-emea");
        assertThat(read.body().at("/updatedBy").asText()).isEqualTo("auth0|emp-admin");
    }

    @Test
    void approving_front_summaries_is_stamped_with_the_admin_and_time_and_withdrawing_clears_it() {
        String tenant = Ids.tenant();
        Map<String, Object> approving = new java.util.HashMap<>(settings());
        approving.put("front", Map.of("inboxes", List.of("inb_55c8c149"), "summaries",
                Map.of("inboxes", List.of("inb_55c8c149"), "approvedBy", "someone-else", "approvedAt", "2020-01-01T00:00:00Z")));

        HttpApiEvent.Response approved = request("PUT", "/tenants/" + tenant + "/settings").claims(admin(tenant)).jsonBody(approving).send();
        HttpApiEvent.Response unchanged = request("PUT", "/tenants/" + tenant + "/settings").claims(admin(tenant)).jsonBody(approving).send();
        HttpApiEvent.Response withdrawn = request("PUT", "/tenants/" + tenant + "/settings").claims(admin(tenant)).jsonBody(settings()).send();

        assertThat(approved.body().at("/settings/front/summaries/inboxes/0").asText()).isEqualTo("inb_55c8c149");
        assertThat(approved.body().at("/settings/front/summaries/approvedBy").asText()).as("what the caller sends is ignored")
                .isEqualTo("auth0|emp-admin");
        assertThat(java.time.Instant.parse(approved.body().at("/settings/front/summaries/approvedAt").asText()))
                .isAfter(java.time.Instant.now().minusSeconds(60));
        assertThat(unchanged.body().at("/settings/front/summaries/approvedAt")).as("the same scope keeps its approval")
                .isEqualTo(approved.body().at("/settings/front/summaries/approvedAt"));
        assertThat(withdrawn.body().at("/settings/front/summaries/inboxes").size()).isZero();
        assertThat(withdrawn.body().at("/settings/front/summaries/approvedBy").isNull()).isTrue();
    }

    @jakarta.inject.Inject
    io.gristmill.front.FrontCatalog frontCatalog;

    @Test
    void front_inboxes_or_teams_the_account_does_not_have_are_refused() {
        String tenant = Ids.tenant();
        // Reconciliation read the account: one inbox, and the team tim_1a2b was deleted since.
        frontCatalog.put(tenant, List.of("inb_55c8c149"), List.of("tim_9z8y"), java.time.Instant.now());

        HttpApiEvent.Response refused = request("PUT", "/tenants/" + tenant + "/settings").claims(admin(tenant)).jsonBody(settings()).send();

        assertError(refused, 400, "bad_request");
        assertThat(refused.body().path("message").asText()).contains("tim_1a2b").contains("not an inbox or team of the connected Front account");
        assertThat(request("GET", "/tenants/" + tenant + "/settings").claims(admin(tenant)).send().body().at("/updatedAt").isNull())
                .as("nothing half-saved").isTrue();
        Map<String, Object> fixed = new java.util.HashMap<>(settings());
        fixed.put("front", Map.of("inboxes", List.of("inb_55c8c149"), "teams", List.of("tim_9z8y")));
        assertThat(request("PUT", "/tenants/" + tenant + "/settings").claims(admin(tenant)).jsonBody(fixed).send().status()).isEqualTo(200);
    }

    @Test
    void a_non_admin_cannot_change_or_read_settings() {
        String tenant = Ids.tenant();
        assertError(request("PUT", "/tenants/" + tenant + "/settings").claims(caller(tenant, "manager", "emp-1"))
                .jsonBody(settings()).send(), 403, "forbidden");
        assertError(request("GET", "/tenants/" + tenant + "/settings").claims(caller(tenant, "", "emp-1")).send(),
                403, "forbidden");

        HttpApiEvent.Response read = request("GET", "/tenants/" + tenant + "/settings").claims(admin(tenant)).send();
        assertThat(read.body().at("/updatedAt").isNull()).as("nothing was saved").isTrue();
    }

    @Test
    void an_admin_of_another_tenant_sees_no_such_tenant() {
        String tenant = Ids.tenant();
        request("PUT", "/tenants/" + tenant + "/settings").claims(admin(tenant)).jsonBody(settings()).send();

        assertError(request("GET", "/tenants/" + tenant + "/settings").claims(admin(Ids.tenant())).send(), 404, "not_found");
        assertError(request("PUT", "/tenants/" + tenant + "/settings").claims(admin(Ids.tenant()))
                .jsonBody(settings()).send(), 404, "not_found");

        HttpApiEvent.Response read = request("GET", "/tenants/" + tenant + "/settings").claims(admin(tenant)).send();
        assertThat(read.body().at("/settings/timeZone").asText()).isEqualTo("Europe/Berlin");
    }

    @Test
    void an_unknown_field_is_a_400_that_names_it() {
        String tenant = Ids.tenant();
        Map<String, Object> body = new java.util.HashMap<>(settings());
        body.put("timezone", "UTC");
        HttpApiEvent.Response response = request("PUT", "/tenants/" + tenant + "/settings").claims(admin(tenant))
                .jsonBody(body).send();

        assertError(response, 400, "bad_request");
        assertThat(response.body().get("message").asText()).contains("'timezone'");
    }

    @Test
    void a_wrong_type_is_a_400_that_names_the_nested_field() {
        String tenant = Ids.tenant();
        Map<String, Object> body = new java.util.HashMap<>(settings());
        body.put("salesforce", Map.of("objects", "Opportunity"));
        HttpApiEvent.Response response = request("PUT", "/tenants/" + tenant + "/settings").claims(admin(tenant))
                .jsonBody(body).send();

        assertError(response, 400, "bad_request");
        assertThat(response.body().get("message").asText()).contains("salesforce.objects").contains("array");
    }

    @Test
    void invalid_values_are_a_400_that_says_what_is_wrong() {
        String tenant = Ids.tenant();
        Map<String, Object> badZone = new java.util.HashMap<>(settings());
        badZone.put("timeZone", "Mars/Olympus");
        HttpApiEvent.Response zone = request("PUT", "/tenants/" + tenant + "/settings").claims(admin(tenant))
                .jsonBody(badZone).send();
        assertError(zone, 400, "bad_request");
        assertThat(zone.body().get("message").asText()).contains("Mars/Olympus");

        Map<String, Object> badObject = new java.util.HashMap<>(settings());
        badObject.put("salesforce", Map.of("objects", List.of("Opportunity", "Invoice__c")));
        HttpApiEvent.Response object = request("PUT", "/tenants/" + tenant + "/settings").claims(admin(tenant))
                .jsonBody(badObject).send();
        assertError(object, 400, "bad_request");
        assertThat(object.body().get("message").asText()).contains("Invoice__c");

        Map<String, Object> badDay = new java.util.HashMap<>(settings());
        badDay.put("weekStart", "FUNDAY");
        HttpApiEvent.Response day = request("PUT", "/tenants/" + tenant + "/settings").claims(admin(tenant))
                .jsonBody(badDay).send();
        assertError(day, 400, "bad_request");
        assertThat(day.body().get("message").asText()).contains("weekStart");

        Map<String, Object> badNarrator = new java.util.HashMap<>(settings());
        badNarrator.put("recaps", Map.of("narrator", "poet"));
        HttpApiEvent.Response narrator = request("PUT", "/tenants/" + tenant + "/settings").claims(admin(tenant))
                .jsonBody(badNarrator).send();
        assertError(narrator, 400, "bad_request");
        assertThat(narrator.body().get("message").asText()).contains("recaps.narrator", "poet");
    }

    @Test
    void the_model_narrator_cannot_be_chosen_where_the_deployment_has_no_model() {
        String tenant = Ids.tenant();
        Map<String, Object> model = new java.util.HashMap<>(settings());
        model.put("recaps", Map.of("narrator", "model"));

        HttpApiEvent.Response response = request("PUT", "/tenants/" + tenant + "/settings").claims(admin(tenant)).jsonBody(model).send();

        assertError(response, 400, "bad_request");
        assertThat(response.body().get("message").asText()).contains("no narrator model", "NarratorModelId");
    }

    @Test
    void malformed_json_and_a_missing_body_are_400s() {
        String tenant = Ids.tenant();
        assertError(request("PUT", "/tenants/" + tenant + "/settings").claims(admin(tenant)).body("{\"timeZone\":").send(),
                400, "bad_request");
        assertError(request("PUT", "/tenants/" + tenant + "/settings").claims(admin(tenant)).send(), 400, "bad_request");
        assertError(request("PUT", "/tenants/" + tenant + "/settings").claims(admin(tenant))
                .body("{\"timeZone\":\"UTC\"}").send(), 400, "bad_request");
    }
}
