package io.gristmill.front;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gristmill.activity.Activity;
import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.Source;
import io.gristmill.connection.ConnectionStore;
import io.gristmill.connect.FrontConnect;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.directory.IdentityKind;
import io.gristmill.tenant.TenantSettings;
import io.gristmill.tenant.TenantSettingsStore;
import io.gristmill.testing.FrontReconcileProfile;
import io.gristmill.testing.Ids;
import io.gristmill.testing.SimulatedFront;
import io.gristmill.testing.SimulatedFrontResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * What real Front events mean, from recorded-shape event pages ({@code src/test/resources/front/events/},
 * sources in its README), read by reconciliation and received as rule webhooks from the simulated Front.
 */
@QuarkusTest
@TestProfile(FrontReconcileProfile.class)
class FrontEventMeaningTest {
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
    TenantSettingsStore settings;

    @Inject
    FrontCatalog catalog;

    @Inject
    ConnectionStore connections;

    SimulatedFront front;
    String tenant;
    final Instant now = Instant.now();

    @BeforeEach
    void connectedCompany() {
        front = SimulatedFrontResource.front();
        front.reset();
        tenant = Ids.tenant();
        front.teammate("tea_ada", "ada@acme.test", "user", false);
        connect.connectWithApiToken(tenant, "auth0|admin", new FrontConnect.ApiTokenRequest(front.issueApiToken(), "rule-secret"));
    }

    private List<Activity> of(String conversation) {
        return activities.forSourceRecord(tenant, Source.FRONT, conversation);
    }

    private String ada() {
        return directory.findByIdentity(tenant, IdentityKind.FRONT, "tea_ada").orElseThrow().employeeId();
    }

    private FrontWebhooks.Outcome deliver(ObjectNode event) {
        String body = event.toString();
        return webhooks.receiveRuleWebhook(tenant, body.getBytes(StandardCharsets.UTF_8),
                Optional.of(io.gristmill.testing.FrontWebhookSigner.ruleSignature("rule-secret", body)));
    }

    @Test
    void one_phone_call_of_seven_events_is_one_handled_call_with_its_duration() {
        RecordedEvents.of("call-lifecycle.json", now).forEach(event -> front.add(event, "inb_phone"));

        reconciler.reconcile(tenant);
        reconciler.reconcile(tenant);

        assertThat(of("cnv_call1")).singleElement().satisfies(call -> {
            assertThat(call.kind()).isEqualTo("front.call.handled");
            assertThat(call.sourceFactId()).isEqualTo("call:msg_call1");
            assertThat(call.employeeId()).contains(ada());
            assertThat(call.measures().get("durationSeconds")).isEqualByComparingTo("312");
            assertThat(call.toString()).doesNotContain("SECRET");
        });
    }

    @Test
    void a_call_delivered_by_webhooks_in_any_order_is_one_call_and_its_hangup_adds_the_duration() throws Exception {
        List<ObjectNode> events = RecordedEvents.of("call-lifecycle.json", now);
        reconciler.reconcile(tenant); // Ada becomes an employee
        for (ObjectNode event : events) {
            deliver(event);
        }
        for (ObjectNode event : events.reversed()) {
            deliver(event); // Front delivers at least once
        }

        assertThat(of("cnv_call1")).singleElement().satisfies(call -> {
            assertThat(call.kind()).isEqualTo("front.call.handled");
            assertThat(call.measures().get("durationSeconds")).isEqualByComparingTo("312");
        });
    }

    @Test
    void an_abandoned_call_is_nobodys_handled_call() {
        RecordedEvents.of("call-abandoned.json", now).forEach(event -> front.add(event, "inb_phone"));

        reconciler.reconcile(tenant);

        assertThat(of("cnv_call2")).singleElement().satisfies(call -> {
            assertThat(call.kind()).isEqualTo("front.call.abandoned");
            assertThat(call.employeeId()).as("the caller hung up before reaching anyone").isEmpty();
        });
    }

    @Test
    void a_reminder_reopens_the_conversation() {
        RecordedEvents.of("reminder-reopen.json", now).forEach(event -> front.add(event, "inb_support"));

        reconciler.reconcile(tenant);

        List<Activity> conversation = of("cnv_rem1");
        assertThat(conversation).extracting(Activity::kind).contains("front.conversation.reopened");
        ConversationMetrics metrics = ConversationMetrics.of("cnv_rem1", conversation);
        assertThat(metrics.resolved()).as("reopened by the reminder after Ada archived it").isFalse();
        assertThat(metrics.reopens()).isEqualTo(1);
        assertThat(conversation).filteredOn(a -> a.kind().equals("front.conversation.reopened")).singleElement()
                .satisfies(reopen -> {
                    assertThat(reopen.employeeId()).isEmpty();
                    assertThat(reopen.metadata()).containsEntry("sourceType", "reminder");
                });
    }

    @Test
    void an_automatic_reply_is_not_the_first_response() {
        RecordedEvents.of("api-auto-reply.json", now).forEach(event -> front.add(event, "inb_support"));

        reconciler.reconcile(tenant);

        List<Activity> conversation = of("cnv_auto1");
        assertThat(conversation).filteredOn(a -> a.sourceFactId().equals("evt_auto_1")).singleElement().satisfies(ack -> {
            assertThat(ack.employeeId()).isEmpty();
            assertThat(ack.metadata()).containsEntry(FrontMapper.AUTOMATIC, "true").containsEntry("sourceType", "api");
        });
        ConversationMetrics metrics = ConversationMetrics.of("cnv_auto1", conversation);
        assertThat(metrics.firstResponse()).as("Ada's reply 40 minutes after the customer, not the acknowledgement after 4 s")
                .contains(Duration.ofMinutes(40));
        assertThat(metrics.firstResponder()).contains(ada());
    }

    @Test
    void a_merged_conversation_is_looked_up_where_it_was_merged_to() throws Exception {
        reconciler.reconcile(tenant);
        settings.put(tenant, new TenantSettings("UTC", java.time.DayOfWeek.MONDAY, null,
                new TenantSettings.Front(List.of("inb_support"), List.of()), null), "auth0|admin");
        front.conversationIn("cnv_new", "inb_support");
        front.merge("cnv_old", "cnv_new");
        // An assignment names no inbox: the conversation's inboxes are looked up, and cnv_old answers 301.
        ObjectNode assign = front.event("evt_merged", "assign", now.minusSeconds(30), "cnv_old", "inb_support", "tea_ada");
        front.conversationIn("cnv_old", "inb_elsewhere"); // what it was in before the merge no longer answers

        FrontWebhooks.Outcome outcome = deliver(assign);

        assertThat(outcome).isInstanceOf(FrontWebhooks.Outcome.Stored.class);
        assertThat(of("cnv_old")).singleElement().extracting(Activity::kind).isEqualTo("front.conversation.assigned");
        assertThat(front.requests()).anyMatch(r -> r.contains("/conversations/cnv_new/inboxes"));
    }

    @Test
    void a_deleted_team_is_skipped_and_named_while_the_other_inboxes_keep_flowing() throws Exception {
        front.team("tim_sales", "inb_sales");
        front.team("tim_gone", "inb_gone");
        settings.put(tenant, new TenantSettings("UTC", java.time.DayOfWeek.MONDAY, null,
                new TenantSettings.Front(List.of("inb_support"), List.of("tim_sales", "tim_gone")), null), "auth0|admin");
        front.deleteTeam("tim_gone");
        front.event("evt_support", "inbound", now.minus(Duration.ofMinutes(30)), "cnv_s", "inb_support", "tea_ada");
        front.event("evt_sales", "inbound", now.minus(Duration.ofMinutes(20)), "cnv_t", "inb_sales", "tea_ada");

        ReconcileReport report = reconciler.reconcile(tenant);

        assertThat(report.caughtUp()).isTrue();
        assertThat(of("cnv_s")).hasSize(1);
        assertThat(of("cnv_t")).hasSize(1);
        assertThat(connections.get(tenant, "front").syncStatus())
                .startsWith("up to date").contains("tim_gone").contains("no longer in Front");
        ObjectNode late = front.event("evt_sales_2", "out_reply", now.minusSeconds(20), "cnv_t", "inb_sales", "tea_ada");
        assertThat(deliver(late)).as("a webhook is not answered 503 for a missing team").isInstanceOf(FrontWebhooks.Outcome.Stored.class);
    }

    @Test
    void reconciliation_keeps_the_accounts_inbox_and_team_ids_for_settings_to_check_against() {
        front.team("tim_sales", "inb_sales");
        front.conversationIn("cnv_x", "inb_support");

        reconciler.reconcile(tenant);

        FrontCatalog.Known known = catalog.get(tenant).orElseThrow();
        assertThat(known.teams()).containsExactly("tim_sales");
        assertThat(known.inboxes()).containsExactlyInAnyOrder("inb_sales", "inb_support");
        assertThat(catalog.unknown(tenant, List.of("inb_support", "inb_typo"), List.of("tim_sales", "tim_gone")))
                .containsExactly("inb_typo", "tim_gone");
    }
}
