package io.gristmill.front;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gristmill.activity.Activity;
import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.Source;
import io.gristmill.connect.FrontConnect;
import io.gristmill.directory.Employee;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.directory.EmployeeInput;
import io.gristmill.directory.IdentityKind;
import io.gristmill.directory.Identities;
import io.gristmill.connection.ConnectionStore;
import io.gristmill.tenant.TenantSettings;
import io.gristmill.sync.SyncCursor;
import io.gristmill.sync.SyncCursorStore;
import io.gristmill.tenant.TenantSettingsStore;
import io.gristmill.testing.CapturedLogs;
import io.gristmill.testing.FrontReconcileProfile;
import io.gristmill.testing.Ids;
import io.gristmill.testing.SimulatedFront;
import io.gristmill.testing.SimulatedFrontResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Reconciliation against a simulated Front over HTTP, with DynamoDB Local and moto. */
@QuarkusTest
@TestProfile(FrontReconcileProfile.class)
class FrontReconcileTest {
    @Inject
    FrontReconciler reconciler;

    @Inject
    FrontWebhooks webhooks;

    @Inject
    FrontConnect connect;

    @Inject
    ActivityStore activities;

    @Inject
    EmployeeDirectory directory;

    @Inject
    ConnectionStore connections;

    @Inject
    TenantSettingsStore settings;

    @Inject
    SyncCursorStore cursors;

    SimulatedFront front;
    String tenant;
    final Instant now = Instant.now();

    @BeforeEach
    void connectedCompany() {
        front = SimulatedFrontResource.front();
        front.reset();
        tenant = Ids.tenant();
        front.teammate("tea_ada", "ada@acme.test", "user", false);
        front.teammate("tea_bob", "bob@acme.test", "user", false);
        front.teammate("tea_bot", "bot@acme.test", "bot", false);
        connect.connectWithApiToken(tenant, "auth0|admin", new FrontConnect.ApiTokenRequest(front.issueApiToken(), "rule-secret"));
    }

    /** 20 events on 4 conversations over the last hour (rule webhooks take recent events only), more than one page of 15. */
    private List<String> twentyEvents() {
        List<String> ids = new ArrayList<>();
        String[] types = {"inbound", "out_reply", "assign", "tag", "archive"};
        for (int i = 0; i < 20; i++) {
            String id = "evt_" + i;
            front.event(id, types[i % types.length], now.minus(Duration.ofMinutes(50 - 2L * i)), "cnv_" + (i % 4), "inb_support",
                    i % 2 == 0 ? "tea_ada" : "tea_bob");
            ids.add(id);
        }
        return ids;
    }

    private List<Activity> stored() {
        List<Activity> all = new ArrayList<>();
        for (int c = 0; c < 6; c++) {
            all.addAll(activities.forSourceRecord(tenant, Source.FRONT, "cnv_" + c));
        }
        return all;
    }

    private static String hmacSha1(String key, String body) {
        return io.gristmill.testing.FrontWebhookSigner.ruleSignature(key, body);
    }

    @Test
    void reconciliation_fills_what_webhooks_missed_and_stores_no_duplicate() throws Exception {
        List<String> ids = twentyEvents();
        for (String delivered : ids.subList(0, 12)) { // webhooks delivered 12 of 20 events
            String body = front.eventJson(delivered);
            assertThat(webhooks.receiveRuleWebhook(tenant, body.getBytes(StandardCharsets.UTF_8), Optional.of(hmacSha1("rule-secret", body))))
                    .isInstanceOf(FrontWebhooks.Outcome.Stored.class);
        }

        ReconcileReport first = reconciler.reconcile(tenant);
        ReconcileReport second = reconciler.reconcile(tenant);

        assertThat(first.eventsRead()).isEqualTo(20);
        assertThat(first.stored()).isEqualTo(8);
        assertThat(first.duplicates()).isEqualTo(12);
        assertThat(first.caughtUp()).isTrue();
        assertThat(stored()).hasSize(20);
        assertThat(stored()).extracting(Activity::sourceFactId).containsExactlyInAnyOrderElementsOf(ids);
        // the second run re-reads only the overlap before its cursor, and stores nothing new
        assertThat(second.stored()).isZero();
        assertThat(second.eventsRead()).isLessThan(20);
        assertThat(stored()).hasSize(20);
        assertThat(front.requests()).anyMatch(r -> r.contains("/events?") && r.contains("limit=15") && r.contains("sort_order=asc"));
        assertThat(front.writes()).isEmpty();
        // the lag the worker reports comes from the run itself: the events cursor as stored
        assertThat(second.cursor()).as("the run's cursor").isEqualTo(cursors.get(tenant, "front", "events").map(SyncCursor::position))
                .isPresent();
    }

    @Test
    void every_page_is_followed_to_the_end_even_after_an_empty_page() {
        twentyEvents();
        front.emptyPageMidway(true);

        ReconcileReport report = reconciler.reconcile(tenant);

        assertThat(report.caughtUp()).isTrue();
        assertThat(stored()).hasSize(20);
    }

    @Test
    void only_the_chosen_inboxes_and_the_inboxes_of_the_chosen_teams_are_read() {
        front.team("tim_sales", "inb_sales");
        front.event("evt_support", "inbound", now.minus(Duration.ofHours(3)), "cnv_0", "inb_support", "tea_ada");
        front.event("evt_sales", "inbound", now.minus(Duration.ofHours(3)), "cnv_1", "inb_sales", "tea_ada");
        front.event("evt_private", "inbound", now.minus(Duration.ofHours(3)), "cnv_2", "inb_private", "tea_ada");
        settings.put(tenant, new TenantSettings("UTC", java.time.DayOfWeek.MONDAY, null,
                new TenantSettings.Front(List.of("inb_support"), List.of("tim_sales")), null), "auth0|admin");

        reconciler.reconcile(tenant);

        assertThat(stored()).extracting(Activity::sourceFactId).containsExactlyInAnyOrder("evt_support", "evt_sales");
        assertThat(front.requests()).map(r -> java.net.URLDecoder.decode(r, StandardCharsets.UTF_8))
                .anyMatch(r -> r.contains("/events?") && r.contains("q[inboxes]=inb_sales") && r.contains("q[inboxes]=inb_support"));
    }

    @Test
    void teammates_populate_the_directory_and_are_credited_with_their_events() {
        directory.put(tenant, "emp-bob", new EmployeeInput("Bob", "bob@acme.test", null, null, null, new Identities(null, null), true, null), 0);
        front.event("evt_reply", "out_reply", now.minus(Duration.ofHours(2)), "cnv_0", "inb_support", "tea_ada");

        ReconcileReport report = reconciler.reconcile(tenant);

        assertThat(report.teammates()).isEqualTo(3); // two pages of two
        assertThat(directory.findByIdentity(tenant, IdentityKind.FRONT, "tea_ada")).get().extracting(Employee::email).isEqualTo("ada@acme.test");
        assertThat(directory.findByIdentity(tenant, IdentityKind.FRONT, "tea_bot")).isEmpty();
        // Bob's employee record has the teammate's address: an e-mail proves nothing, so the link waits for an admin.
        assertThat(directory.findByIdentity(tenant, IdentityKind.FRONT, "tea_bob")).isEmpty();
        assertThat(links.find(tenant, IdentityKind.FRONT, "tea_bob")).get().extracting(io.gristmill.directory.IdentityLinks.Link::employeeId)
                .isEqualTo("emp-bob");
        links.approve(tenant, IdentityKind.FRONT, "tea_bob", "auth0|admin");
        assertThat(directory.findByIdentity(tenant, IdentityKind.FRONT, "tea_bob")).get().extracting(Employee::employeeId).isEqualTo("emp-bob");
        String ada = directory.findByIdentity(tenant, IdentityKind.FRONT, "tea_ada").get().employeeId();
        assertThat(stored()).singleElement().satisfies(a -> assertThat(a.employeeId()).contains(ada));
    }

    @Test
    void a_blocked_teammates_later_events_are_unattributed_and_their_history_stays() {
        front.event("evt_before", "out_reply", now.minus(Duration.ofHours(2)), "cnv_0", "inb_support", "tea_ada");
        reconciler.reconcile(tenant);
        String ada = directory.findByIdentity(tenant, IdentityKind.FRONT, "tea_ada").get().employeeId();

        front.teammate("tea_ada", "ada@acme.test", "user", true);
        reconciler.reconcile(tenant);
        front.event("evt_after", "out_reply", Instant.now().plusSeconds(1), "cnv_1", "inb_support", "tea_ada");
        reconciler.reconcile(tenant);

        assertThat(activities.forSourceRecord(tenant, Source.FRONT, "cnv_0")).singleElement()
                .satisfies(a -> assertThat(a.employeeId()).contains(ada));
        assertThat(activities.forSourceRecord(tenant, Source.FRONT, "cnv_1")).singleElement()
                .satisfies(a -> assertThat(a.employeeId()).isEmpty());
        assertThat(directory.find(tenant, ada)).get().extracting(Employee::active).isEqualTo(false);
    }

    @Inject
    io.gristmill.directory.IdentityLinks links;

    @Test
    void a_blocked_teammate_does_not_deactivate_an_employee_an_admin_keeps() {
        directory.put(tenant, "emp-ada", new EmployeeInput("Ada", "ada-work@acme.test", null, null, null, new Identities(null, "tea_ada"),
                true, null), 0);
        front.teammate("tea_ada", "ada@acme.test", "user", true);

        reconciler.reconcile(tenant);

        assertThat(directory.find(tenant, "emp-ada").orElseThrow().active()).as("active is the admin's to set").isTrue();
        assertThat(directory.blockedBy(tenant, IdentityKind.FRONT, "tea_ada", Instant.now().plusSeconds(1)))
                .as("but the Front account's later work is unattributed").isTrue();
    }

    @Test
    void teammate_pages_that_repeat_end_the_run_instead_of_spinning() {
        front.repeatTeammatePages(true);
        try {
            ReconcileReport report = reconciler.reconcile(tenant);
            assertThat(report.stopped()).contains("repeat");
            assertThat(report.apiCalls()).isLessThan(10);
        } finally {
            front.repeatTeammatePages(false);
        }
    }

    @Test
    void a_short_retry_after_is_waited_out() {
        twentyEvents();
        front.throttleNext(2, 1);

        ReconcileReport report = reconciler.reconcile(tenant);

        assertThat(report.caughtUp()).isTrue();
        assertThat(stored()).hasSize(20);
    }

    @Test
    void a_long_retry_after_ends_the_run_and_the_next_run_continues_from_the_cursor() {
        twentyEvents();
        front.rateLimit(3, 30); // teammates (2 pages), events page 1; then the limit (429 with retry-after 30 s)

        ReconcileReport stopped = reconciler.reconcile(tenant);
        assertThat(stopped.caughtUp()).isFalse();
        assertThat(stored()).hasSizeBetween(1, 19);
        assertThat(connections.get(tenant, "front").syncStatus()).contains("continues next run");

        front.rateLimit(1000, 1);
        ReconcileReport resumed = reconciler.reconcile(tenant);
        assertThat(resumed.caughtUp()).isTrue();
        assertThat(stored()).hasSize(20);
        assertThat(connections.get(tenant, "front").syncStatus()).startsWith("up to date");
    }

    @Test
    void a_run_stops_while_a_share_of_the_rate_limit_is_left_for_others() {
        for (int i = 0; i < 150; i++) { // ten pages
            front.event("evt_" + i, "out_reply", now.minus(Duration.ofMinutes(300 - i)), "cnv_" + (i % 4), "inb_support", "tea_ada");
        }
        front.rateLimit(10, 30); // a reserve of 20 %: stops when fewer than 2 of 10 calls are left

        ReconcileReport report = reconciler.reconcile(tenant);

        assertThat(report.stopped()).contains("rate limit");
        assertThat(report.caughtUp()).isFalse();
        assertThat(report.apiCalls()).isEqualTo(9); // 2 teammate pages + 7 event pages, leaving 1 of 10
        assertThat(stored()).hasSize(7 * 15);
    }

    @Test
    void content_fields_are_never_stored_or_logged() {
        twentyEvents();
        front.event("evt_comment", "comment", now.minus(Duration.ofHours(1)), "cnv_0", "inb_support", "tea_ada");
        try (CapturedLogs logs = new CapturedLogs("io.gristmill")) {
            reconciler.reconcile(tenant);
            assertThat(logs.all()).doesNotContain(SimulatedFront.CONTENT);
        }
        assertThat(stored()).hasSize(21);
        assertThat(stored().toString()).doesNotContain(SimulatedFront.CONTENT);
    }

    @Test
    void the_scheduled_function_reconciles_every_connected_tenant() throws IOException {
        twentyEvents();
        String event;
        try (InputStream in = getClass().getResourceAsStream("/events/eventbridge-scheduled.json")) {
            event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String body = given().contentType("application/json").body(event).post("/").then().statusCode(200).extract().asString();
        JsonNode reports = new ObjectMapper().readTree(body);

        assertThat(reports.findValuesAsText("tenantId")).contains(tenant);
        assertThat(stored()).hasSize(20);
        assertThat(connections.get(tenant, "front").lastSuccessfulSyncAt()).isAfter(Instant.now().minus(Duration.ofMinutes(1)));
    }

    @Test
    void a_revoked_token_marks_the_connection_for_reconnect() {
        front.revokeAll();

        ReconcileReport report = reconciler.reconcile(tenant);

        assertThat(report.stopped()).contains("reconnect");
        assertThat(connections.get(tenant, "front").state().name()).isEqualTo("RECONNECT_REQUIRED");
    }
}
