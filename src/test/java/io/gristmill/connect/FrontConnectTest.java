package io.gristmill.connect;

import static io.gristmill.http.ApiRouterTestSupport.assertError;
import static io.gristmill.testing.HttpApiEvent.admin;
import static io.gristmill.testing.HttpApiEvent.caller;
import static io.gristmill.testing.HttpApiEvent.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gristmill.aws.TokenVault;
import io.gristmill.aws.VaultSecret;
import io.gristmill.front.FrontNotConnectedException;
import io.gristmill.front.FrontTokens;
import io.gristmill.testing.CapturedLogs;
import io.gristmill.testing.ConnectProfile;
import io.gristmill.testing.HttpApiEvent;
import io.gristmill.testing.Ids;
import io.gristmill.testing.SimulatedFront;
import io.gristmill.testing.SimulatedFrontResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Connecting Front through the {@code connect} function: API token, OAuth, disconnect. */
@QuarkusTest
@TestProfile(ConnectProfile.class)
class FrontConnectTest {
    @Inject
    TokenVault vault;

    @Inject
    FrontTokens tokens;

    @Inject
    io.gristmill.tenant.TenantSettingsStore settings;

    @Test
    void the_connections_show_where_an_admin_approved_front_summaries() {
        String tenant = Ids.tenant();
        assertThat(frontConnection(tenant).body().at("/frontSummaries/inboxes").size()).as("off by default").isZero();
        settings.put(tenant, new io.gristmill.tenant.TenantSettings("UTC", java.time.DayOfWeek.MONDAY, null,
                new io.gristmill.tenant.TenantSettings.Front(List.of(), List.of(),
                        new io.gristmill.tenant.TenantSettings.Summaries(List.of(), List.of("tim_support"), null, null)), null), "auth0|mia");

        HttpApiEvent.Response shown = frontConnection(tenant);

        assertThat(shown.body().at("/frontSummaries/teams/0").asText()).isEqualTo("tim_support");
        assertThat(shown.body().at("/frontSummaries/approvedBy").asText()).isEqualTo("auth0|mia");
        assertThat(shown.body().at("/frontSummaries/approvedAt").asText()).isNotBlank();
    }

    SimulatedFront front;

    @BeforeEach
    void freshCompany() {
        front = SimulatedFrontResource.front();
        front.reset();
    }

    private static HttpApiEvent.Response putToken(String tenant, String token, String secret) {
        return request("PUT", "/connections/front").claims(admin(tenant))
                .jsonBody(secret == null ? Map.of("apiToken", token) : Map.of("apiToken", token, "apiSecret", secret)).send();
    }

    private static HttpApiEvent.Response frontConnection(String tenant) {
        HttpApiEvent.Response all = request("GET", "/connections").claims(admin(tenant)).send();
        assertThat(all.body().at("/connections/1/provider").asText()).isEqualTo("front");
        return all;
    }

    private static String frontState(String tenant) {
        return frontConnection(tenant).body().at("/connections/1/state").asText();
    }

    /** The admin's browser: start, consent at Front, and the app posts the code and the state as the same admin. */
    private HttpApiEvent.Response connectThroughOAuth(String tenant) {
        HttpApiEvent.Response started = request("POST", "/connect/front").claims(admin(tenant)).send();
        assertThat(started.status()).isEqualTo(200);
        URI authorize = URI.create(started.body().get("authorizeUrl").asText());
        Map<String, String> query = ConnectFlow.query(authorize.getRawQuery());
        return ConnectFlow.completeInApp(Map.of("code", front.consent(), "state", query.get("state")), admin(tenant));
    }

    @Test
    void an_api_token_connects_the_company_and_is_never_echoed() {
        String tenant = Ids.tenant();
        String token = front.issueApiToken();

        HttpApiEvent.Response response = putToken(tenant, token, "the-api-secret");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.raw().toString()).doesNotContain(token).doesNotContain("the-api-secret");
        assertThat(response.body().at("/connection/account").asText()).isEqualTo(front.company());
        assertThat(frontState(tenant)).isEqualTo("connected");
        assertThat(frontConnection(tenant).raw().toString()).doesNotContain(token);
        VaultSecret secret = vault.read(tenant, "front").orElseThrow();
        assertThat(secret.field("access_token")).isEqualTo(token);
        assertThat(secret.field("api_secret")).isEqualTo("the-api-secret");
        assertThat(secret.field("auth")).isEqualTo("api_token");
        assertThat(front.writes()).isEmpty();
    }

    @Test
    void an_invalid_or_missing_api_token_is_400_and_stores_nothing() {
        String tenant = Ids.tenant();

        assertError(putToken(tenant, "not-a-front-token", null), 400, "invalid_token");
        assertError(request("PUT", "/connections/front").claims(admin(tenant)).jsonBody(Map.of("apiSecret", "x")).send(), 400, "bad_request");
        assertError(request("PUT", "/connections/front").claims(admin(tenant)).body("{not json").send(), 400, "bad_request");

        assertThat(vault.read(tenant, "front")).isEmpty();
        assertThat(frontState(tenant)).isEqualTo("disconnected");
    }

    @Test
    void a_token_pasted_without_quotes_is_not_echoed_in_the_error_or_the_log() {
        String tenant = Ids.tenant();
        String token = "tokPASTEDWITHOUTQUOTES123";
        HttpApiEvent.Response response;
        String logs;
        try (io.gristmill.testing.CapturedLogs captured = new io.gristmill.testing.CapturedLogs("io.gristmill")) {
            response = request("PUT", "/connections/front").claims(admin(tenant)).body("{\"apiToken\": " + token + "}").send();
            logs = captured.all();
        }

        assertError(response, 400, "bad_request");
        assertThat(response.bodyText()).doesNotContain(token).contains("line 1");
        assertThat(logs).doesNotContain(token);
    }

    @Test
    void a_company_connected_by_one_tenant_is_refused_to_another() {
        String first = Ids.tenant();
        String second = Ids.tenant();
        assertThat(putToken(first, front.issueApiToken(), null).status()).isEqualTo(200);

        assertError(putToken(second, front.issueApiToken(), null), 409, "account_taken");

        assertThat(vault.read(second, "front")).isEmpty();
    }

    @Test
    void only_admins_connect_or_disconnect_front() {
        String tenant = Ids.tenant();
        var manager = caller(tenant, "manager", "emp-1");

        assertError(request("PUT", "/connections/front").claims(manager).jsonBody(Map.of("apiToken", front.issueApiToken())).send(), 403, "forbidden");
        assertError(request("POST", "/connect/front").claims(manager).send(), 403, "forbidden");
        assertError(request("DELETE", "/connections/front").claims(manager).send(), 403, "forbidden");
        assertThat(vault.read(tenant, "front")).isEmpty();
    }

    @Test
    void oauth_connects_and_keeps_an_earlier_rule_webhook_secret() {
        String tenant = Ids.tenant();
        assertThat(putToken(tenant, front.issueApiToken(), "rule-secret").status()).isEqualTo(200);

        HttpApiEvent.Response done = connectThroughOAuth(tenant);

        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body().get("title").asText()).isEqualTo("Front is connected");
        VaultSecret secret = vault.read(tenant, "front").orElseThrow();
        assertThat(secret.field("auth")).isEqualTo("oauth");
        assertThat(secret.field("refresh_token")).startsWith("front-refresh-");
        assertThat(secret.field("api_secret")).isEqualTo("rule-secret");
        assertThat(frontState(tenant)).isEqualTo("connected");
    }

    @Test
    void the_authorize_url_names_the_app_the_redirect_and_a_state() {
        HttpApiEvent.Response started = request("POST", "/connect/front").claims(admin(Ids.tenant())).send();
        URI authorize = URI.create(started.body().get("authorizeUrl").asText());
        Map<String, String> query = ConnectFlow.query(authorize.getRawQuery());

        assertThat(authorize.getPath()).isEqualTo("/oauth/authorize");
        assertThat(query).containsEntry("client_id", SimulatedFront.CLIENT_ID).containsEntry("response_type", "code")
                .containsEntry("redirect_uri", SimulatedFrontResource.REDIRECT_URI).containsKey("state");
    }

    @Test
    void a_completion_by_another_admin_or_with_a_used_state_stores_nothing() {
        String tenant = Ids.tenant();
        HttpApiEvent.Response started = request("POST", "/connect/front").claims(admin(tenant)).send();
        String state = ConnectFlow.query(URI.create(started.body().get("authorizeUrl").asText()).getRawQuery()).get("state");
        Map<String, String> answer = Map.of("code", front.consent(), "state", state);

        assertError(ConnectFlow.completeInApp(answer, admin(Ids.tenant())), 403, "started_elsewhere");
        assertError(ConnectFlow.completeInApp(answer, admin(tenant)), 400, "invalid_state");
        assertThat(vault.read(tenant, "front")).isEmpty();
    }

    @Test
    void an_expiring_oauth_token_is_refreshed_once_for_many_concurrent_callers() throws Exception {
        String tenant = Ids.tenant();
        front.tokenLifetimeSeconds(60); // inside the refresh-ahead window: the next use refreshes
        assertThat(connectThroughOAuth(tenant).status()).isEqualTo(200);
        front.tokenLifetimeSeconds(3600);

        List<CompletableFuture<String>> callers = new ArrayList<>();
        // Threads started here carry the test's context class loader (the common pool's may not: see SalesforcePollerTest).
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8; i++) {
            callers.add(CompletableFuture.supplyAsync(() -> tokens.current(tenant), threads));
        }
        threads.shutdown();
        Set<String> seen = new java.util.HashSet<>();
        for (CompletableFuture<String> c : callers) {
            seen.add(c.get());
        }

        assertThat(front.refreshGrants()).isEqualTo(1);
        assertThat(seen).hasSize(1);
        assertThat(vault.read(tenant, "front").orElseThrow().field("access_token")).isEqualTo(seen.iterator().next());
    }

    @Test
    void a_refused_refresh_marks_the_connection_for_reconnect() {
        String tenant = Ids.tenant();
        front.tokenLifetimeSeconds(60);
        assertThat(connectThroughOAuth(tenant).status()).isEqualTo(200);
        front.revokeAll();

        assertThatThrownBy(() -> tokens.current(tenant)).isInstanceOf(FrontNotConnectedException.class);

        assertThat(frontState(tenant)).isEqualTo("reconnect_required");
    }

    @Test
    void disconnect_deletes_the_secret_stops_ingestion_and_frees_the_company() {
        String tenant = Ids.tenant();
        putToken(tenant, front.issueApiToken(), "rule-secret");

        HttpApiEvent.Response response = request("DELETE", "/connections/front").claims(admin(tenant)).send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().at("/connection/state").asText()).isEqualTo("disconnected");
        assertThat(vault.read(tenant, "front")).isEmpty();
        assertThatThrownBy(() -> tokens.current(tenant)).isInstanceOf(FrontNotConnectedException.class);
        assertThat(putToken(Ids.tenant(), front.issueApiToken(), null).status()).isEqualTo(200);
    }

    @Test
    void no_token_appears_in_any_log_line() {
        String tenant = Ids.tenant();
        String apiToken = front.issueApiToken();
        String logs;
        try (CapturedLogs captured = new CapturedLogs("io.gristmill", "software.amazon.awssdk", "org.jboss.resteasy.reactive.client")) {
            putToken(tenant, apiToken, "rule-secret-value");
            front.tokenLifetimeSeconds(60);
            connectThroughOAuth(tenant);
            tokens.current(tenant);
            logs = captured.all();
        }
        assertThat(logs).contains("connected Front company");
        VaultSecret secret = vault.read(tenant, "front").orElseThrow();
        assertThat(logs).doesNotContain(apiToken).doesNotContain("rule-secret-value")
                .doesNotContain(secret.field("access_token")).doesNotContain(secret.field("refresh_token"));
    }
}
