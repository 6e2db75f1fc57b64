package io.gristmill.front;

import static io.gristmill.http.ApiRouterTestSupport.assertError;
import static io.gristmill.testing.HttpApiEvent.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;


import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gristmill.activity.Activity;
import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.Source;
import io.gristmill.aws.TokenVault;
import io.gristmill.connection.ConnectionStore;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.directory.EmployeeInput;
import io.gristmill.directory.Identities;
import io.gristmill.testing.CapturedLogs;
import io.gristmill.testing.FrontWebhookProfile;
import io.gristmill.testing.FrontWebhookSigner;
import io.gristmill.testing.HttpApiEvent;
import io.gristmill.testing.Ids;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The {@code front-webhook} function through the Lambda mock event server. */
@QuarkusTest
@TestProfile(FrontWebhookProfile.class)
class FrontWebhookTest {
    private static final String APP_SECRET = io.gristmill.testing.SimulatedFront.APP_SECRET;
    private static final String API_SECRET = "front-api-secret-for-tests";

    @Inject
    SecretsManagerClient secrets;

    @Inject
    TokenVault vault;

    @Inject
    ConnectionStore connections;

    @Inject
    ActivityStore activities;

    @Inject
    EmployeeDirectory directory;

    String tenant;
    String company;

    @BeforeEach
    void connectedTenant() {
        tenant = Ids.tenant();
        company = "cmp_" + UUID.randomUUID().toString().substring(0, 8);
        connections.claimAccount(tenant, "front", company);
        connections.connected(tenant, "front", company, null, "https://api2.frontapp.com", null, "auth0|emp-admin");
        vault.create(tenant, "front", Map.of("api_secret", API_SECRET, "auth", "api_token",
                "access_token", io.gristmill.testing.SimulatedFrontResource.front().issueApiToken()));
        directory.put(tenant, "emp-ada", new EmployeeInput("Ada", "ada@acme.test", null, null, null, new Identities(null, "tea_ada"), true, null), 0);
    }

    private static String fixture(String name, String eventId, Instant emitted, String company) {
        try (InputStream in = FrontWebhookTest.class.getResourceAsStream("/front/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("EVENT_ID", eventId)
                    .replace("EMITTED_AT", String.format("%d.%03d", emitted.getEpochSecond(), emitted.getNano() / 1_000_000))
                    .replace("COMPANY_ID", String.valueOf(company));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpApiEvent signedApp(String body, String key, long timestampMillis) {
        String ts = Long.toString(timestampMillis);
        return request("POST", "/webhooks/front").withoutAuthorizer().header("Content-Type", "application/json")
                .header("X-Front-Request-Timestamp", ts).header("X-Front-Signature", FrontWebhookSigner.appSignature(key, ts, body)).body(body);
    }

    private String outbound(String eventId) {
        return fixture("outbound-full.json", eventId, Instant.parse("2026-11-18T10:15:30.250Z"), company);
    }

    private List<Activity> stored() {
        return activities.forSourceRecord(tenant, Source.FRONT, "cnv_1");
    }

    @Test
    void a_valid_app_webhook_stores_a_metadata_only_activity_credited_to_the_author() {
        HttpApiEvent.Response response = signedApp(outbound("evt_a1"), APP_SECRET, System.currentTimeMillis()).send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("status").asText()).isEqualTo("stored");
        assertThat(stored()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("front.message.sent");
            assertThat(a.employeeId()).contains("emp-ada");
            assertThat(a.occurredAt()).isEqualTo(Instant.parse("2026-11-18T10:15:30.250Z"));
            assertThat(a.sourceFactId()).isEqualTo("evt_a1");
        });
    }

    @Test
    void a_webhook_through_the_firewalled_rest_api_is_stored_and_answered_in_its_response_shape() throws Exception {
        String body = outbound("evt_rest");
        String ts = Long.toString(System.currentTimeMillis());
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode event = json.createObjectNode();
        event.put("resource", "/webhooks/front").put("path", "/webhooks/front").put("httpMethod", "POST");
        event.putObject("headers").put("Content-Type", "application/json").put("X-Front-Request-Timestamp", ts)
                .put("X-Front-Signature", FrontWebhookSigner.appSignature(APP_SECRET, ts, body));
        event.putObject("requestContext").put("requestId", "rest-1").put("stage", "live");
        event.put("body", body).put("isBase64Encoded", false);

        String raw = io.restassured.RestAssured.given().contentType("application/json").body(json.writeValueAsString(event))
                .post("/").then().statusCode(200).extract().asString();

        com.fasterxml.jackson.databind.JsonNode response = json.readTree(raw);
        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        java.util.List<String> keys = new ArrayList<>();
        response.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).as("a REST API answers 502 to anything but these").containsExactlyInAnyOrder("statusCode", "headers", "body",
                "isBase64Encoded");
        assertThat(json.readTree(response.get("body").asText()).get("status").asText()).isEqualTo("stored");
        assertThat(stored()).singleElement().satisfies(a -> assertThat(a.sourceFactId()).isEqualTo("evt_rest"));
    }

    @Test
    void the_validation_challenge_is_answered_with_its_value() {
        String body = "{\"type\":\"sync\",\"authorization\":{\"id\":\"" + company + "\"}}";
        HttpApiEvent.Response response = signedApp(body, APP_SECRET, System.currentTimeMillis())
                .header("X-Front-Challenge", "chl_abc123").send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("challenge").asText()).isEqualTo("chl_abc123");
    }

    @Test
    void bad_signatures_are_401_and_store_nothing() {
        String body = outbound("evt_bad");
        long now = System.currentTimeMillis();
        String ts = Long.toString(now);
        String good = FrontWebhookSigner.appSignature(APP_SECRET, ts, body);
        String reserialized = body.replace("\n", "").replace("  ", " ");

        assertError(signedApp(body, "wrong-key", now).send(), 401, "invalid_signature");
        assertError(request("POST", "/webhooks/front").withoutAuthorizer().header("X-Front-Request-Timestamp", ts)
                .header("X-Front-Signature", good).body(body.replace("msg_1", "msg_2")).send(), 401, "invalid_signature");
        assertError(request("POST", "/webhooks/front").withoutAuthorizer().header("X-Front-Request-Timestamp", ts)
                .header("X-Front-Signature", good).body(reserialized).send(), 401, "invalid_signature");
        assertError(signedApp(body, APP_SECRET, now - Duration.ofMinutes(6).toMillis()).send(), 401, "invalid_signature");
        assertError(request("POST", "/webhooks/front").withoutAuthorizer().body(body).send(), 401, "invalid_signature");

        assertThat(stored()).isEmpty();
    }

    @Test
    void a_base64_encoded_body_is_verified_on_its_decoded_bytes() {
        String body = outbound("evt_b64");
        String ts = Long.toString(System.currentTimeMillis());
        HttpApiEvent.Response response = request("POST", "/webhooks/front").withoutAuthorizer()
                .header("X-Front-Request-Timestamp", ts).header("X-Front-Signature", FrontWebhookSigner.appSignature(APP_SECRET, ts, body))
                .base64Body(body.getBytes(StandardCharsets.UTF_8)).send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(stored()).hasSize(1);
    }

    @Test
    void a_valid_rule_webhook_with_a_preview_event_is_stored_for_the_tenant_in_the_path() {
        String body = fixture("assign-preview.json", "evt_r1", Instant.now().minusSeconds(2), null);

        HttpApiEvent.Response response = request("POST", "/webhooks/front/" + tenant).withoutAuthorizer()
                .header("X-Front-Signature", FrontWebhookSigner.ruleSignature(API_SECRET, body)).body(body).send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(activities.forSourceRecord(tenant, Source.FRONT, "cnv_2")).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("front.conversation.assigned");
            assertThat(a.employeeId()).contains("emp-ada");
            assertThat(a.metadata()).containsEntry("targetTeammateId", "tea_bob");
        });
    }

    @Test
    void a_rule_webhook_with_the_wrong_secret_or_for_an_unknown_tenant_is_401() {
        String body = fixture("assign-preview.json", "evt_r2", Instant.now().minusSeconds(2), null);

        assertError(request("POST", "/webhooks/front/" + tenant).withoutAuthorizer()
                .header("X-Front-Signature", FrontWebhookSigner.ruleSignature("wrong", body)).body(body).send(), 401, "invalid_signature");
        assertError(request("POST", "/webhooks/front/" + Ids.tenant()).withoutAuthorizer()
                .header("X-Front-Signature", FrontWebhookSigner.ruleSignature(API_SECRET, body)).body(body).send(), 401, "invalid_signature");
        assertThat(activities.forSourceRecord(tenant, Source.FRONT, "cnv_2")).isEmpty();
    }

    @Test
    void every_rule_webhook_refusal_reads_the_same_so_tenants_cannot_be_probed() {
        String body = fixture("assign-preview.json", "evt_r3", Instant.now().minusSeconds(2), null);
        HttpApiEvent.Response connectedNoHeader = request("POST", "/webhooks/front/" + tenant).withoutAuthorizer().body(body).send();
        HttpApiEvent.Response unknownNoHeader = request("POST", "/webhooks/front/" + Ids.tenant()).withoutAuthorizer().body(body).send();
        HttpApiEvent.Response connectedWrongKey = request("POST", "/webhooks/front/" + tenant).withoutAuthorizer()
                .header("X-Front-Signature", FrontWebhookSigner.ruleSignature("wrong", body)).body(body).send();
        HttpApiEvent.Response invalidTenant = request("POST", "/webhooks/front/a%23b").withoutAuthorizer()
                .header("X-Front-Signature", FrontWebhookSigner.ruleSignature(API_SECRET, body)).body(body).send();

        for (HttpApiEvent.Response refused : List.of(connectedNoHeader, unknownNoHeader, connectedWrongKey, invalidTenant)) {
            assertError(refused, 401, "invalid_signature");
            assertThat(refused.bodyText()).isEqualTo(connectedNoHeader.bodyText());
        }
    }

    @Test
    void a_replayed_rule_webhook_older_than_the_replay_window_stores_nothing() {
        String old = fixture("assign-preview.json", "evt_replayed", Instant.now().minus(Duration.ofHours(2)), null);

        HttpApiEvent.Response response = request("POST", "/webhooks/front/" + tenant).withoutAuthorizer()
                .header("X-Front-Signature", FrontWebhookSigner.ruleSignature(API_SECRET, old)).body(old).send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("status").asText()).isEqualTo("ignored");
        assertThat(response.body().get("reason").asText()).contains("replay window");
        assertThat(activities.forSourceRecord(tenant, Source.FRONT, "cnv_2")).isEmpty();
    }

    @Test
    void a_rotated_app_secret_is_picked_up_without_waiting_for_the_cache_to_expire() {
        signedApp(outbound("evt_before_rotation"), APP_SECRET, System.currentTimeMillis()).send(); // caches the secret
        String rotated = "rotated-app-secret-" + UUID.randomUUID();
        io.gristmill.testing.LocalAws.get().putSecret("gristmill/_app/front", "{\"app_secret\":\"" + rotated
                + "\",\"client_id\":\"x\",\"client_secret\":\"y\"}");
        try {
            HttpApiEvent.Response response = signedApp(outbound("evt_after_rotation"), rotated, System.currentTimeMillis()).send();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body().get("status").asText()).isEqualTo("stored");
        } finally {
            io.gristmill.testing.LocalAws.get().putSecret("gristmill/_app/front", "{\"app_secret\":\"" + APP_SECRET
                    + "\",\"client_id\":\"" + io.gristmill.testing.SimulatedFront.CLIENT_ID + "\",\"client_secret\":\""
                    + io.gristmill.testing.SimulatedFront.CLIENT_SECRET + "\"}");
        }
    }

    @Test
    void a_full_event_with_a_large_e_mail_body_is_accepted_not_refused_as_too_large() {
        // An HTML e-mail of 600 KB: over the 256 KB the JWT routes take, well under Lambda's 6 MB.
        String big = outbound("evt_big").replace("SECRET-BODY", "SECRET-BODY" + "<p>quarterly figures</p>".repeat(25_000));
        assertThat(big.length()).isGreaterThan(600_000);

        HttpApiEvent.Response response = signedApp(big, APP_SECRET, System.currentTimeMillis()).send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("status").asText()).isEqualTo("stored");
        assertThat(stored().toString()).doesNotContain("quarterly figures");
    }

    @Test
    void three_concurrent_deliveries_of_one_event_store_one_activity() throws Exception {
        String body = outbound("evt_c1");
        long now = System.currentTimeMillis();
        List<CompletableFuture<HttpApiEvent.Response>> deliveries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            deliveries.add(CompletableFuture.supplyAsync(() -> signedApp(body, APP_SECRET, now).send()));
        }
        List<String> statuses = new ArrayList<>();
        for (CompletableFuture<HttpApiEvent.Response> delivery : deliveries) {
            statuses.add(delivery.get().body().get("status").asText());
        }

        assertThat(statuses).containsExactlyInAnyOrder("stored", "duplicate", "duplicate");
        assertThat(stored()).hasSize(1);
    }

    @Test
    void content_fields_are_never_stored_or_logged() {
        String logs;
        try (CapturedLogs captured = new CapturedLogs("io.gristmill")) {
            signedApp(outbound("evt_secret"), APP_SECRET, System.currentTimeMillis()).send();
            logs = captured.all();
        }
        String storedText = stored().toString();
        for (String secret : List.of("SECRET-BLURB", "SECRET-SUBJECT", "SECRET-BODY", "SECRET-TEXT", "SECRET-ATTACHMENT", "SECRET-SIGNATURE",
                "carl@customer.test")) {
            assertThat(storedText).doesNotContain(secret);
            assertThat(logs).doesNotContain(secret);
        }
        assertThat(stored()).hasSize(1);
    }

    @Test
    void a_verified_but_unusable_event_is_acknowledged_and_recorded_as_ignored() {
        HttpApiEvent.Response malformed = signedApp("{\"type\": \"inbound_received\", \"payload\": ", APP_SECRET, System.currentTimeMillis()).send();
        assertThat(malformed.status()).isEqualTo(200);
        assertThat(malformed.body().get("status").asText()).isEqualTo("ignored");

        String unknown = outbound("evt_u1").replace("\"type\": \"outbound\"", "\"type\": \"topic_identified\"");
        HttpApiEvent.Response response = signedApp(unknown, APP_SECRET, System.currentTimeMillis()).send();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("status").asText()).isEqualTo("ignored");
        assertThat(response.body().get("reason").asText()).contains("topic_identified");
        assertThat(stored()).isEmpty();
    }

    @Test
    void a_blocked_teammates_later_events_are_unattributed() {
        Instant blockedAt = Instant.parse("2026-11-18T10:00:00Z");
        directory.put(tenant, "emp-ada", new EmployeeInput("Ada", "ada@acme.test", null, null, null, new Identities(null, "tea_ada"), false,
                blockedAt), 1);

        signedApp(outbound("evt_after"), APP_SECRET, System.currentTimeMillis()).send();

        assertThat(stored()).singleElement().satisfies(a -> assertThat(a.employeeId()).isEmpty());
    }

    @Test
    void what_a_warm_function_kept_is_read_again_within_its_age_after_a_deactivation_a_settings_change_or_a_disconnect() throws Exception {
        io.gristmill.testing.SimulatedFront front = io.gristmill.testing.SimulatedFrontResource.front();
        front.conversationIn("cnv_1", "inb_support");
        assertThat(signedApp(outbound("evt_warm"), APP_SECRET, System.currentTimeMillis()).send().body().get("status").asText())
                .isEqualTo("stored"); // owner, connection, settings and Ada's credit are now kept by the function

        // Changes made by other functions (the API), straight in the table: nothing tells this one.
        directory.put(tenant, "emp-ada", new EmployeeInput("Ada", "ada@acme.test", null, null, null, new Identities(null, "tea_ada"), false,
                Instant.parse("2026-11-18T10:00:00Z")), 1);
        Thread.sleep(FrontWebhookProfile.LOOKUPS_MAX_AGE.toMillis() + 100);
        signedApp(outbound("evt_after_deactivation"), APP_SECRET, System.currentTimeMillis()).send();
        assertThat(stored()).filteredOn(a -> a.sourceFactId().equals("evt_after_deactivation")).singleElement()
                .satisfies(a -> assertThat(a.employeeId()).isEmpty());

        chooseInbox("inb_other");
        Thread.sleep(FrontWebhookProfile.LOOKUPS_MAX_AGE.toMillis() + 100);
        HttpApiEvent.Response outside = signedApp(outbound("evt_after_scope_change"), APP_SECRET, System.currentTimeMillis()).send();
        assertThat(outside.body().get("reason").asText()).contains("outside the inboxes");

        connections.markDisconnected(tenant, "front");
        Thread.sleep(FrontWebhookProfile.LOOKUPS_MAX_AGE.toMillis() + 100);
        HttpApiEvent.Response afterDisconnect = signedApp(outbound("evt_after_disconnect"), APP_SECRET, System.currentTimeMillis()).send();
        assertThat(afterDisconnect.body().get("status").asText()).isEqualTo("ignored");
        assertThat(afterDisconnect.body().get("reason").asText()).contains("not connected");

        assertThat(stored()).extracting(Activity::sourceFactId).containsExactlyInAnyOrder("evt_warm", "evt_after_deactivation");
    }

    @jakarta.inject.Inject
    io.gristmill.tenant.TenantSettingsStore settings;

    private void chooseInbox(String inbox) {
        settings.put(tenant, new io.gristmill.tenant.TenantSettings("UTC", java.time.DayOfWeek.MONDAY, null,
                new io.gristmill.tenant.TenantSettings.Front(List.of(inbox), List.of()), null), "auth0|admin");
    }

    @Test
    void with_inboxes_chosen_an_event_of_a_conversation_elsewhere_is_ignored_and_one_inside_is_stored() throws Exception {
        io.gristmill.testing.SimulatedFront front = io.gristmill.testing.SimulatedFrontResource.front();
        front.conversationIn("cnv_1", "inb_other");
        chooseInbox("inb_support");

        HttpApiEvent.Response outside = signedApp(outbound("evt_outside"), APP_SECRET, System.currentTimeMillis()).send();

        assertThat(outside.body().get("status").asText()).isEqualTo("ignored");
        assertThat(outside.body().get("reason").asText()).contains("outside the inboxes");
        assertThat(stored()).isEmpty();

        chooseInbox("inb_other");
        Thread.sleep(FrontWebhookProfile.LOOKUPS_MAX_AGE.toMillis() + 100); // the function reads the settings again within that age
        HttpApiEvent.Response inside = signedApp(outbound("evt_inside"), APP_SECRET, System.currentTimeMillis()).send();
        assertThat(inside.body().get("status").asText()).isEqualTo("stored");
        assertThat(stored()).hasSize(1);
    }

    @Test
    void a_webhook_never_refreshes_an_expiring_token_it_answers_503_at_once_for_reconciliation_to_refresh() {
        io.gristmill.testing.SimulatedFront front = io.gristmill.testing.SimulatedFrontResource.front();
        front.conversationIn("cnv_1", "inb_support");
        chooseInbox("inb_support");
        vault.delete(tenant, "front");
        vault.create(tenant, "front", Map.of("auth", "oauth", "access_token", front.issueApiToken(), "refresh_token", "rt-never-used",
                "expires_at", Long.toString(Instant.now().minusSeconds(60).getEpochSecond()), "api_secret", API_SECRET));
        int grantsBefore = front.refreshGrants();
        long started = System.nanoTime();

        HttpApiEvent.Response response = signedApp(outbound("evt_expiring"), APP_SECRET, System.currentTimeMillis()).send();

        assertError(response, 503, "front_unavailable");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(front.refreshGrants()).as("no refresh from the webhook path").isEqualTo(grantsBefore);
        assertThat(stored()).isEmpty();
    }

    @Test
    void when_the_inbox_check_cannot_reach_front_the_answer_is_503_and_nothing_is_stored() {
        io.gristmill.testing.SimulatedFront front = io.gristmill.testing.SimulatedFrontResource.front();
        front.conversationIn("cnv_1", "inb_support");
        chooseInbox("inb_support");
        front.latencyMillis(3000); // longer than the 2 s a webhook may spend on the check
        try {
            assertError(signedApp(outbound("evt_slow"), APP_SECRET, System.currentTimeMillis()).send(), 503, "front_unavailable");
        } finally {
            front.latencyMillis(0);
        }
        assertThat(stored()).isEmpty();
    }
}
