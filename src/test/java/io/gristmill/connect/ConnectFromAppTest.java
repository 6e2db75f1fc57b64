package io.gristmill.connect;

import static io.gristmill.http.ApiRouterTestSupport.assertError;
import static io.gristmill.testing.HttpApiEvent.admin;
import static io.gristmill.testing.HttpApiEvent.caller;
import static io.gristmill.testing.HttpApiEvent.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gristmill.aws.TokenVault;
import io.gristmill.testing.ConnectProfile;
import io.gristmill.testing.HttpApiEvent;
import io.gristmill.testing.Ids;
import io.gristmill.testing.SimulatedFront;
import io.gristmill.testing.SimulatedFrontResource;
import io.gristmill.testing.SimulatedSalesforce;
import io.gristmill.testing.SimulatedSalesforceResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Finishing a connect flow from the web app ({@code POST /connect/complete}): the provider sent the
 * browser to the app, which signed in and posts the code and state. No cookie takes part, so this
 * works when the app and the API are different sites; the signed-in admin must be the one who started.
 */
@QuarkusTest
@TestProfile(ConnectProfile.class)
class ConnectFromAppTest {
    @Inject
    TokenVault vault;

    SimulatedSalesforce salesforce;
    SimulatedFront front;

    @BeforeEach
    void freshProviders() {
        salesforce = SimulatedSalesforceResource.salesforce();
        salesforce.reset();
        front = SimulatedFrontResource.front();
        front.reset();
    }

    private static String state(String tenant, String provider) {
        HttpApiEvent.Response all = request("GET", "/connections").claims(admin(tenant)).send();
        return all.body().at("/connections/" + ("salesforce".equals(provider) ? 0 : 1) + "/state").asText();
    }

    private void assertNothingStored(String tenant) {
        assertThat(vault.read(tenant, "salesforce")).as("no Salesforce secret for %s", tenant).isEmpty();
        assertThat(state(tenant, "salesforce")).isEqualTo("disconnected");
    }

    private static Map<String, String> startedSalesforce(ConnectFlow flow) {
        assertThat(flow.start(null).status()).isEqualTo(200);
        return flow.consent();
    }

    @Test
    void the_admin_who_started_finishes_salesforce_in_the_app_without_any_cookie() {
        String tenant = Ids.tenant();
        Map<String, String> answer = startedSalesforce(new ConnectFlow(tenant));

        HttpApiEvent.Response done = ConnectFlow.completeInApp(answer, admin(tenant));

        assertThat(done.status()).as("%s", done).isEqualTo(200);
        assertThat(done.body().get("provider").asText()).isEqualTo("salesforce");
        assertThat(done.body().get("title").asText()).isEqualTo("Salesforce is connected");
        assertThat(done.body().at("/connection/state").asText()).isEqualTo("connected");
        assertThat(done.body().at("/connection/account").asText()).isEqualTo(salesforce.orgId());
        assertThat(vault.read(tenant, "salesforce")).isPresent();
        assertThat(done.bodyText()).doesNotContain(answer.get("code"));
    }

    @Test
    void front_finishes_in_the_app_too() {
        String tenant = Ids.tenant();
        HttpApiEvent.Response started = request("POST", "/connect/front").claims(admin(tenant)).send();
        String stateValue = ConnectFlow.query(URI.create(started.body().get("authorizeUrl").asText()).getRawQuery()).get("state");

        HttpApiEvent.Response done = ConnectFlow.completeInApp(Map.of("code", front.consent(), "state", stateValue), admin(tenant));

        assertThat(done.status()).as("%s", done).isEqualTo(200);
        assertThat(done.body().get("provider").asText()).isEqualTo("front");
        assertThat(done.body().at("/connection/state").asText()).isEqualTo("connected");
        assertThat(state(tenant, "front")).isEqualTo("connected");
    }

    @Test
    void another_tenants_admin_cannot_finish_a_flow_they_were_sent_and_nothing_is_stored_anywhere() {
        String attacker = Ids.tenant();
        String victim = Ids.tenant();
        // The attacker starts in their tenant and gets the victim admin to consent with it.
        Map<String, String> attackerAnswer = startedSalesforce(new ConnectFlow(attacker));

        HttpApiEvent.Response refused = ConnectFlow.completeInApp(attackerAnswer, admin(victim));

        assertError(refused, 403, "started_elsewhere");
        assertThat(refused.body().get("message").asText()).contains("Only the admin who clicked");
        assertNothingStored(attacker);
        assertNothingStored(victim);
        assertError(ConnectFlow.completeInApp(attackerAnswer, admin(attacker)), 400, "invalid_state");
    }

    @Test
    void another_admin_of_the_same_tenant_cannot_finish_it_either() {
        String tenant = Ids.tenant();
        Map<String, String> answer = startedSalesforce(new ConnectFlow(tenant));

        assertError(ConnectFlow.completeInApp(answer, caller(tenant, "admin", "emp-other-admin")), 403, "started_elsewhere");
        assertNothingStored(tenant);
    }

    @Test
    void a_non_admin_is_refused_before_the_state_is_touched() {
        String tenant = Ids.tenant();
        Map<String, String> answer = startedSalesforce(new ConnectFlow(tenant));

        assertError(ConnectFlow.completeInApp(answer, caller(tenant, "employee", "emp-admin")), 403, "forbidden");

        assertThat(ConnectFlow.completeInApp(answer, admin(tenant)).status()).as("the admin can still finish").isEqualTo(200);
    }

    @Test
    void a_refused_consent_is_told_in_words_and_stores_nothing() {
        String tenant = Ids.tenant();
        salesforce.denyConsent(true);
        Map<String, String> answer = startedSalesforce(new ConnectFlow(tenant));

        HttpApiEvent.Response refused = ConnectFlow.completeInApp(answer, admin(tenant));

        assertError(refused, 403, "consent_refused");
        assertThat(refused.body().get("message").asText()).startsWith("Salesforce was not connected. ")
                .contains("end-user denied authorization");
        assertNothingStored(tenant);
    }

    @Test
    void a_body_without_a_state_or_without_a_code_or_error_is_400_and_consumes_nothing() {
        String tenant = Ids.tenant();
        Map<String, String> answer = startedSalesforce(new ConnectFlow(tenant));

        assertError(request("POST", "/connect/complete").claims(admin(tenant)).jsonBody(Map.of("code", answer.get("code"))).send(),
                400, "bad_request");
        assertError(request("POST", "/connect/complete").claims(admin(tenant)).jsonBody(Map.of("state", answer.get("state"))).send(),
                400, "bad_request");
        assertError(request("POST", "/connect/complete").claims(admin(tenant)).body("{\"state\":").send(), 400, "bad_request");

        assertThat(ConnectFlow.completeInApp(answer, admin(tenant)).status()).isEqualTo(200);
    }
}
