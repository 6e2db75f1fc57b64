package io.gristmill.http;

import static io.gristmill.http.ApiRouterTestSupport.assertError;
import static io.gristmill.testing.HttpApiEvent.admin;
import static io.gristmill.testing.HttpApiEvent.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gristmill.testing.CapturedLogs;
import io.gristmill.testing.HttpApiEvent;
import io.quarkus.test.junit.QuarkusTest;

/** The HTTP adapter, driven through the Lambda mock event server with payload 2.0 events. */
@QuarkusTest
class ApiRouterTest {

    @Test
    void base64_encoded_body_reaches_the_handler_as_the_original_bytes() {
        byte[] bytes = { 0, (byte) 0xff, 'h', 'i', (byte) 0xc3, (byte) 0xa9 };
        HttpApiEvent.Response response = request("POST", "/test/echo/x").claims(admin("acme")).base64Body(bytes).send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("bodyBase64").asText())
                .isEqualTo(java.util.Base64.getEncoder().encodeToString(bytes));
    }

    @Test
    void plain_body_path_parameters_and_repeated_query_parameters_are_decoded() {
        HttpApiEvent.Response response = request("POST", "/test/echo/a%20b%2Bc?tag=x&tag=y%26z&empty=")
                .claims(admin("acme")).header("Content-Type", "text/plain").body("héllo").send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("name").asText()).isEqualTo("a b+c");
        assertThat(response.body().get("query").get("tag").toString()).isEqualTo("[\"x\",\"y&z\"]");
        assertThat(response.body().get("query").get("empty").toString()).isEqualTo("[\"\"]");
        assertThat(response.body().get("bodyText").asText()).isEqualTo("héllo");
        assertThat(response.body().get("contentType").asText()).isEqualTo("text/plain");
    }

    @Test
    void caller_comes_from_the_jwt_claims() {
        HttpApiEvent.Response response = request("POST", "/test/echo/x")
                .claims(HttpApiEvent.caller("globex", "manager admin", "emp-9")).send();

        assertThat(response.body().get("tenant").asText()).isEqualTo("globex");
        assertThat(response.body().get("roles").toString()).isEqualTo("[\"admin\",\"manager\"]");
        assertThat(response.body().get("employeeId").asText()).isEqualTo("emp-9");
    }

    @Test
    void a_token_without_a_tenant_claim_is_refused_with_401() {
        HttpApiEvent.Response response = request("POST", "/test/echo/x").claims(Map.of("sub", "x")).send();

        assertError(response, 401, "unauthorized");
    }

    @Test
    void a_tenant_claim_that_could_reach_another_tenants_keys_is_refused_with_401() {
        for (String tenant : new String[] { "acme#RECAP#bob", "acme/x", "-acme", "x".repeat(65) }) {
            assertError(request("POST", "/test/echo/x").claims(HttpApiEvent.caller(tenant, "admin", "emp-1")).send(), 401, "unauthorized");
        }
    }

    @Test
    void an_employee_claim_that_is_not_an_employee_id_is_refused_with_401() {
        // "~tenant" is the owner key of the tenant's shared prompt templates.
        for (String employee : new String[] { "~tenant", "bob#TPL", "a b" }) {
            assertError(request("POST", "/test/echo/x").claims(HttpApiEvent.caller("acme", "employee", employee)).send(), 401,
                    "unauthorized");
        }
    }

    @Test
    void public_routes_need_no_token() {
        HttpApiEvent.Response response = request("GET", "/test/public").withoutAuthorizer().send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("public").asBoolean()).isTrue();
    }

    @Test
    void a_body_over_the_limit_is_refused_with_413() {
        String big = "x".repeat(262_145);
        assertError(request("POST", "/test/echo/x").claims(admin("acme")).body(big).send(), 413, "payload_too_large");
        assertError(request("POST", "/test/echo/x").claims(admin("acme"))
                .base64Body(big.getBytes(StandardCharsets.UTF_8)).send(), 413, "payload_too_large");
    }

    @Test
    void a_body_marked_base64_that_is_not_base64_is_a_400() {
        HttpApiEvent event = request("POST", "/test/echo/x").claims(admin("acme")).base64Body(new byte[] { 1 });
        String json = event.json().replace("\"body\":\"AQ==\"", "\"body\":\"not base64!\"");
        HttpApiEvent.Response response = new HttpApiEvent.Response(sendRaw(json));

        assertError(response, 400, "bad_request");
    }

    @Test
    void an_unknown_path_is_a_404_and_a_wrong_method_a_405_naming_the_allowed_ones() {
        assertError(request("GET", "/nowhere").claims(admin("acme")).send(), 404, "not_found");

        HttpApiEvent.Response wrongMethod = request("DELETE", "/test/echo/x").claims(admin("acme")).send();
        assertError(wrongMethod, 405, "method_not_allowed");
        assertThat(wrongMethod.header("allow")).isEqualTo("POST");
    }

    @Test
    void an_unexpected_failure_is_a_500_with_a_request_id_and_no_internals_and_is_logged() {
        HttpApiEvent.Response response;
        try (CapturedLogs logs = new CapturedLogs()) {
            response = request("GET", "/test/boom").claims(admin("acme")).send();
            assertThat(logs.all()).contains("Unexpected failure of GET /test/boom").contains("internal detail");
        }
        assertError(response, 500, "internal");
        assertThat(response.bodyText()).doesNotContain("internal detail").doesNotContain("IllegalStateException");
        assertThat(response.body().get("message").asText()).contains("request id");
    }

    @Test
    void an_event_that_is_not_an_http_api_event_is_a_400() {
        HttpApiEvent.Response response = new HttpApiEvent.Response(sendRaw("{\"source\":\"aws.events\",\"detail\":{}}"));

        assertError(response, 400, "bad_request");
    }

    private static com.fasterxml.jackson.databind.JsonNode sendRaw(String json) {
        String raw = io.restassured.RestAssured.given().contentType("application/json").body(json)
                .post("/").then().statusCode(200).extract().asString();
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(raw);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
