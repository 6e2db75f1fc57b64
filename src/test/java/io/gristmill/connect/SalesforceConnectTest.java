package io.gristmill.connect;

import static io.gristmill.http.ApiRouterTestSupport.assertError;
import static io.gristmill.testing.HttpApiEvent.admin;
import static io.gristmill.testing.HttpApiEvent.caller;
import static io.gristmill.testing.HttpApiEvent.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gristmill.aws.TokenVault;
import io.gristmill.aws.VaultSecret;
import io.gristmill.salesforce.SalesforceOAuth;
import io.gristmill.testing.CapturedLogs;
import io.gristmill.testing.ConnectProfile;
import io.gristmill.testing.HttpApiEvent;
import io.gristmill.testing.Ids;
import io.gristmill.testing.SimulatedSalesforce;
import io.gristmill.testing.SimulatedSalesforceResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The {@code connect} function end to end: mock event server → Gristmill → simulated Salesforce. */
@QuarkusTest
@TestProfile(ConnectProfile.class)
class SalesforceConnectTest {
    @Inject
    TokenVault vault;

    @Inject
    OAuthStateStore states;

    SimulatedSalesforce salesforce;

    @BeforeEach
    void freshOrg() {
        salesforce = SimulatedSalesforceResource.salesforce();
        salesforce.reset();
    }

    private static HttpApiEvent.Response connections(String tenant) {
        return request("GET", "/connections").claims(admin(tenant)).send();
    }

    private void assertNothingStored(String tenant) {
        assertThat(vault.read(tenant, "salesforce")).as("no secret for %s", tenant).isEmpty();
        assertThat(connections(tenant).body().at("/connections/0/state").asText()).isEqualTo("disconnected");
    }

    @Test
    void happy_path_connects_and_keeps_the_tokens_only_in_the_tenants_secret() {
        String tenant = Ids.tenant();
        String org = salesforce.orgId();

        HttpApiEvent.Response done = new ConnectFlow(tenant).connect();

        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body().get("title").asText()).isEqualTo("Salesforce is connected");
        assertThat(done.body().get("message").asText()).contains(org);
        VaultSecret secret = vault.read(tenant, "salesforce").orElseThrow();
        assertThat(secret.fields()).containsKeys("access_token", "refresh_token", "instance_url", "org_id", "user_id",
                "issued_at", "login_host");
        assertThat(secret.field("org_id")).isEqualTo(org);
        assertThat(secret.field("user_id")).isEqualTo(salesforce.userId());
        assertThat(secret.field("login_host")).isEqualTo("login.salesforce.com");
        assertThat(salesforce.isLiveRefreshToken(secret.field("refresh_token"))).isTrue();

        HttpApiEvent.Response status = connections(tenant);
        assertThat(status.body().at("/connections/0/provider").asText()).isEqualTo("salesforce");
        assertThat(status.body().at("/connections/0/state").asText()).isEqualTo("connected");
        assertThat(status.body().at("/connections/0/account").asText()).isEqualTo(org);
        assertThat(status.body().at("/connections/0/connectedBy").asText()).isEqualTo("auth0|emp-admin");
        assertThat(status.body().at("/connections/0/connectedAt").asText()).isNotBlank();
        assertThat(status.body().at("/connections/1/provider").asText()).isEqualTo("front");
        assertThat(status.bodyText()).doesNotContain(secret.field("access_token")).doesNotContain(secret.field("refresh_token"));
    }

    @Test
    void the_authorize_url_asks_only_for_api_and_refresh_token_with_pkce_s256() {
        ConnectFlow flow = new ConnectFlow(Ids.tenant());
        HttpApiEvent.Response started = flow.start(null);

        Map<String, String> query = ConnectFlow.query(java.net.URI.create(flow.authorizeUrl).getRawQuery());
        assertThat(query).containsEntry("response_type", "code")
                .containsEntry("scope", "api refresh_token")
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("client_id", SimulatedSalesforce.CLIENT_ID)
                .containsEntry("redirect_uri", SimulatedSalesforceResource.REDIRECT_URI);
        assertThat(query.get("state")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(query.get("code_challenge")).hasSize(43);
    }

    @Test
    void the_pkce_verifier_is_sent_and_matches_the_challenge() {
        ConnectFlow flow = new ConnectFlow(Ids.tenant());
        flow.start(null);
        String challenge = ConnectFlow.query(java.net.URI.create(flow.authorizeUrl).getRawQuery()).get("code_challenge");
        int before = salesforce.verifiersSeen().size();

        assertThat(flow.complete(flow.consent()).status()).isEqualTo(200);

        String verifier = salesforce.verifiersSeen().get(before);
        assertThat(SalesforceOAuth.challenge(verifier)).isEqualTo(challenge);
        assertThat(verifier.length()).isBetween(43, 128);
    }

    @Test
    void a_my_domain_login_host_is_accepted_and_recorded_and_others_are_refused() {
        String tenant = Ids.tenant();
        ConnectFlow flow = new ConnectFlow(tenant);
        assertThat(flow.start("{\"loginHost\":\"acme--uat.sandbox.my.salesforce.com\"}").status()).isEqualTo(200);
        assertThat(flow.complete(flow.consent()).status()).isEqualTo(200);
        assertThat(connections(tenant).body().at("/connections/0/loginHost").asText()).isEqualTo("acme--uat.sandbox.my.salesforce.com");

        for (String bad : new String[] { "evil.example.com", "login.salesforce.com.evil.io", "x.my.salesforce.com/../" }) {
            HttpApiEvent.Response refused = new ConnectFlow(Ids.tenant()).start("{\"loginHost\":\"" + bad + "\"}");
            assertError(refused, 400, "bad_request");
            assertThat(refused.body().get("message").asText()).contains("loginHost");
        }
        assertError(new ConnectFlow(Ids.tenant()).start("{\"host\":\"test.salesforce.com\"}"), 400, "bad_request");
    }

    @Test
    void a_tampered_state_is_refused_and_nothing_is_stored() {
        String tenant = Ids.tenant();
        ConnectFlow flow = new ConnectFlow(tenant);
        flow.start(null);
        Map<String, String> answer = new HashMap<>(flow.consent());
        answer.put("state", answer.get("state") + "x");

        HttpApiEvent.Response refused = flow.complete(answer);

        assertError(refused, 400, "invalid_state");
        assertThat(refused.body().get("message").asText()).contains("no longer valid");
        assertNothingStored(tenant);
    }

    @Test
    void a_replayed_completion_is_refused_and_keeps_the_stored_tokens() {
        String tenant = Ids.tenant();
        ConnectFlow flow = new ConnectFlow(tenant);
        flow.start(null);
        Map<String, String> answer = flow.consent();
        assertThat(flow.complete(answer).status()).isEqualTo(200);
        String storedRefresh = vault.read(tenant, "salesforce").orElseThrow().field("refresh_token");

        assertError(flow.complete(answer), 400, "invalid_state");
        assertThat(vault.read(tenant, "salesforce").orElseThrow().field("refresh_token")).isEqualTo(storedRefresh);
    }

    @Test
    void an_expired_state_is_refused_and_nothing_is_stored() {
        String tenant = Ids.tenant();
        OAuthState old = new OAuthState(OAuthState.randomToken(), "salesforce", tenant, "auth0|emp-admin",
                OAuthState.randomToken(), "login.salesforce.com", Instant.now().minus(Duration.ofMinutes(11)));
        states.save(old, Duration.ofMinutes(10));

        assertError(new ConnectFlow(tenant).complete(Map.of("code", "aPrxWhatever", "state", old.state())), 400, "invalid_state");
        assertNothingStored(tenant);
    }

    @Test
    void an_org_connected_by_one_tenant_is_refused_to_another_and_the_new_token_revoked() {
        String first = Ids.tenant();
        String second = Ids.tenant();
        assertThat(new ConnectFlow(first).connect().status()).isEqualTo(200);
        int revokedBefore = salesforce.revokedTokens().size();

        HttpApiEvent.Response refused = new ConnectFlow(second).connect();

        assertError(refused, 409, "account_taken");
        assertThat(refused.body().get("message").asText()).contains("connected elsewhere");
        assertNothingStored(second);
        assertThat(salesforce.revokedTokens()).hasSize(revokedBefore + 1);
        assertThat(connections(first).body().at("/connections/0/state").asText()).isEqualTo("connected");
    }

    @Test
    void reconnecting_the_same_tenant_replaces_the_tokens() {
        String tenant = Ids.tenant();
        new ConnectFlow(tenant).connect();
        String firstRefresh = vault.read(tenant, "salesforce").orElseThrow().field("refresh_token");

        assertThat(new ConnectFlow(tenant).connect().status()).isEqualTo(200);

        String secondRefresh = vault.read(tenant, "salesforce").orElseThrow().field("refresh_token");
        assertThat(secondRefresh).isNotEqualTo(firstRefresh);
        assertThat(connections(tenant).body().at("/connections/0/state").asText()).isEqualTo("connected");
    }

    @Test
    void disconnect_revokes_at_salesforce_deletes_the_secret_and_frees_the_org() {
        String tenant = Ids.tenant();
        new ConnectFlow(tenant).connect();
        String refresh = vault.read(tenant, "salesforce").orElseThrow().field("refresh_token");

        HttpApiEvent.Response response = request("DELETE", "/connections/salesforce").claims(admin(tenant)).send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("revokedAtSalesforce").asBoolean()).isTrue();
        assertThat(response.body().at("/connection/state").asText()).isEqualTo("disconnected");
        assertThat(salesforce.revokedTokens()).contains(refresh);
        assertThat(salesforce.isLiveRefreshToken(refresh)).isFalse();
        assertThat(vault.read(tenant, "salesforce")).isEmpty();
        assertThat(new ConnectFlow(Ids.tenant()).connect().status()).as("the org can be connected elsewhere now").isEqualTo(200);
    }

    @Test
    void only_admins_start_see_or_disconnect_connections() {
        String tenant = Ids.tenant();
        new ConnectFlow(tenant).connect();
        var employee = caller(tenant, "manager", "emp-1");

        assertError(request("POST", "/connect/salesforce").claims(employee).send(), 403, "forbidden");
        assertError(request("GET", "/connections").claims(employee).send(), 403, "forbidden");
        assertError(request("DELETE", "/connections/salesforce").claims(employee).send(), 403, "forbidden");
        assertThat(vault.read(tenant, "salesforce")).isPresent();
    }

    @Test
    void no_token_or_code_appears_in_any_log_line() {
        String tenant = Ids.tenant();
        String logs;
        try (CapturedLogs captured = new CapturedLogs("io.gristmill", "software.amazon.awssdk", "org.jboss.resteasy.reactive.client")) {
            new ConnectFlow(tenant).connect();
            request("DELETE", "/connections/salesforce").claims(admin(tenant)).send();
            logs = captured.all();
        }
        assertThat(logs).contains("connected Salesforce org");
        for (String secret : salesforce.issuedSecrets()) {
            assertThat(logs).doesNotContain(secret);
        }
    }
}
