package io.gristmill.front.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gristmill.activity.Activity;
import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.Source;
import io.gristmill.connect.FrontConnect;
import io.gristmill.connection.ConnectionStore;
import io.gristmill.front.FrontReconciler;
import io.gristmill.front.FrontSecret;
import io.gristmill.testing.CapturedLogs;
import io.gristmill.testing.FrontSummariesProfile;
import io.gristmill.testing.Ids;
import io.gristmill.testing.LocalAws;
import io.gristmill.testing.SimulatedBedrock;
import io.gristmill.testing.SimulatedFront;
import io.gristmill.testing.SimulatedFrontResource;
import io.gristmill.testing.TableScan;
import io.gristmill.tenant.TenantSettings;
import io.gristmill.tenant.TenantSettingsStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Approved summaries end to end: a simulated Front whose messages and comments carry planted
 * private strings, a simulated Bedrock that can echo, leak or throttle, DynamoDB Local; the
 * whole table and every log line are searched for the planted strings.
 */
@QuarkusTest
@TestProfile(FrontSummariesProfile.class)
class FrontSummariesTest {
    /** Strings that may never be stored or logged: names, addresses, numbers and whole sentences of the conversation. */
    static final List<String> PLANTED = List.of("Margarethe", "Vollstedt", "Quorvex", "margarethe.v@quorvex.example", "+49 30 9120 4455",
            "QX-448812", "SECRETPLANT-77", "cannot log in since the password change", "I reset your session token");
    static final List<String> MESSAGES = List.of(
            "Hi, I'm Margarethe Vollstedt from Quorvex Industries. I cannot log in since the password change this morning and my order QX-448812 "
                    + "is waiting. Call me at +49 30 9120 4455 or mail margarethe.v@quorvex.example please.",
            "Dear Margarethe, I reset your session token and cleared the old password. Please try to log in again and tell me if it works.",
            "It works now, thank you so much for the quick help with the login!");
    static final List<String> COMMENTS = List.of("Checked the audit trail for Quorvex: SECRETPLANT-77, nothing suspicious.");

    @Inject
    FrontReconciler reconciler;
    @Inject
    FrontConnect connect;
    @Inject
    ActivityStore activities;
    @Inject
    TenantSettingsStore settings;
    @Inject
    ConnectionStore connections;
    @Inject
    SummaryWithdrawal withdrawal;

    SimulatedFront front;
    SimulatedBedrock bedrock;
    String tenant;

    @BeforeEach
    void connectedCompany() {
        front = SimulatedFrontResource.front();
        front.reset();
        bedrock = SimulatedBedrock.Resource.bedrock();
        bedrock.reset();
        tenant = Ids.tenant();
        front.teammate("tea_ada", "ada@acme.test", "user", false);
        connect.connectWithApiToken(tenant, "auth0|admin", new FrontConnect.ApiTokenRequest(front.issueApiToken(), "rule-secret"));
    }

    private void approve(String... inboxes) {
        settings.put(tenant, new TenantSettings("UTC", DayOfWeek.MONDAY, null,
                new TenantSettings.Front(List.of(), List.of(), new TenantSettings.Summaries(List.of(inboxes), List.of(), null, null)), null),
                "auth0|admin");
    }

    /** A conversation resolved by Ada a few seconds after now (so after the approval), with its planted text. */
    private void resolvedConversation(String conversation, String inbox) {
        Instant start = Instant.now().plusSeconds(2);
        front.conversationText(conversation, start.minus(Duration.ofMinutes(10)), MESSAGES, COMMENTS);
        front.event("evt_in_" + conversation, "inbound", start, conversation, inbox, "tea_ada");
        front.event("evt_re_" + conversation, "out_reply", start.plusSeconds(1), conversation, inbox, "tea_ada");
        front.event("evt_ar_" + conversation, "archive", start.plusSeconds(2), conversation, inbox, "tea_ada");
    }

    private Activity resolution(String conversation) {
        return activities.forSourceRecord(tenant, Source.FRONT, conversation).stream()
                .filter(a -> a.kind().equals("front.conversation.archived")).findFirst().orElseThrow();
    }

    private void assertNothingPlantedIn(String logs) {
        try (DynamoDbClient dynamo = LocalAws.get().dynamo()) {
            for (String planted : PLANTED) {
                assertThat(TableScan.itemsMentioning(dynamo, planted)).as("items mentioning " + planted).isEmpty();
                assertThat(logs).as("logs").doesNotContain(planted);
            }
        }
    }

    @Test
    void an_approved_inbox_gets_a_neutral_summary_and_no_private_string_reaches_the_table_or_the_logs() {
        approve("inb_support");
        resolvedConversation("cnv_1", "inb_support");
        String logs;
        try (CapturedLogs captured = new CapturedLogs("io.gristmill", "org.jboss.resteasy.reactive.client", "software.amazon.awssdk")) {
            reconciler.reconcile(tenant);
            logs = captured.all();
        }

        assertThat(resolution("cnv_1").metadata()).containsEntry(ActivityStore.SUMMARY,
                "Customer could not sign in; agent restored access and confirmed it worked.");
        assertThat(settings.get(tenant).settings().front().summaries().approvedBy()).isEqualTo("auth0|admin");
        assertThat(connections.get(tenant, FrontSecret.PROVIDER).syncStatus()).contains("summaries: 1 written");
        assertThat(bedrock.requests()).hasSize(1);
        assertNothingPlantedIn(logs);
    }

    @Test
    void an_inbox_without_approval_is_never_read_for_text() {
        approve("inb_billing");
        resolvedConversation("cnv_2", "inb_support");

        reconciler.reconcile(tenant);

        assertThat(front.requests()).noneMatch(r -> r.contains("/messages") || r.contains("/comments"));
        assertThat(resolution("cnv_2").metadata()).doesNotContainKey(ActivityStore.SUMMARY);
        assertThat(bedrock.requests()).isEmpty();
    }

    @Test
    void a_summary_that_echoes_a_sentence_or_leaks_an_address_or_a_phone_number_is_never_stored() {
        approve("inb_support");
        resolvedConversation("cnv_3", "inb_support");
        resolvedConversation("cnv_4", "inb_support");
        // Each conversation: a first answer and its one retry, both leaking.
        bedrock.plan(SimulatedBedrock.Behaviour.ECHO, SimulatedBedrock.Behaviour.LEAK_EMAIL,
                SimulatedBedrock.Behaviour.LEAK_PHONE, SimulatedBedrock.Behaviour.ECHO);
        String logs;
        try (CapturedLogs captured = new CapturedLogs("io.gristmill")) {
            reconciler.reconcile(tenant);
            logs = captured.all();
        }

        assertThat(resolution("cnv_3").metadata()).doesNotContainKey(ActivityStore.SUMMARY);
        assertThat(resolution("cnv_4").metadata()).doesNotContainKey(ActivityStore.SUMMARY);
        assertThat(bedrock.requests()).hasSize(4);
        // The last refusal of each: cnv_3's e-mail; cnv_4's echoed sentence, which carries the order number.
        assertThat(connections.get(tenant, FrontSecret.PROVIDER).syncStatus()).contains("summaries: 0 written, rejected {digits=1, email=1}");
        assertNothingPlantedIn(logs);
    }

    @Test
    void withdrawing_the_approval_erases_the_stored_summaries_and_keeps_the_activity() {
        approve("inb_support");
        resolvedConversation("cnv_5", "inb_support");
        reconciler.reconcile(tenant);
        String summary = resolution("cnv_5").metadata().get(ActivityStore.SUMMARY);
        assertThat(summary).isNotBlank();

        TenantSettings before = settings.get(tenant).settings();
        approve(); // no inbox approved any more
        withdrawal.changed(tenant, before, settings.get(tenant).settings()); // as the settings route does after saving

        assertThat(resolution("cnv_5").metadata()).doesNotContainKey(ActivityStore.SUMMARY);
        assertThat(resolution("cnv_5").kind()).isEqualTo("front.conversation.archived");
        try (DynamoDbClient dynamo = LocalAws.get().dynamo()) {
            assertThat(TableScan.itemsMentioning(dynamo, summary)).as("this tenant's items (others' tests wrote the same words)")
                    .noneMatch(item -> item.get("PK").s().startsWith("T#" + tenant + "#") || item.get("PK").s().equals("T#" + tenant));
        }
    }

    @Test
    void a_throttled_model_leaves_the_resolution_without_summary_and_the_next_run_writes_it() {
        approve("inb_support");
        resolvedConversation("cnv_6", "inb_support");
        // The SDK tries twice per call: both throttled.
        bedrock.plan(SimulatedBedrock.Behaviour.THROTTLE, SimulatedBedrock.Behaviour.THROTTLE);

        reconciler.reconcile(tenant);
        Optional<String> first = Optional.ofNullable(resolution("cnv_6").metadata().get(ActivityStore.SUMMARY));
        String status = connections.get(tenant, FrontSecret.PROVIDER).syncStatus();
        reconciler.reconcile(tenant);

        assertThat(first).isEmpty();
        assertThat(status).contains("1 failed (retried next run)");
        assertThat(resolution("cnv_6").metadata()).containsKey(ActivityStore.SUMMARY);
    }
}
