package io.gristmill.recap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gristmill.activity.Activity;
import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.ConversationDigests;
import io.gristmill.activity.Source;
import io.gristmill.activity.WriteOutcome;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.directory.EmployeeInput;
import io.gristmill.directory.Identities;
import io.gristmill.front.ConversationDigestBackfill;
import io.gristmill.tenant.TenantSettings;
import io.gristmill.tenant.TenantSettingsStore;
import io.gristmill.testing.Ids;
import io.gristmill.testing.LocalAws;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Recaps read the Front conversations an employee worked on from their digests, kept at ingest;
 * what they compute must be exactly what reading each conversation's stored history computes, for
 * activity stored in any order, stored before digests existed, or in a conversation too big for one.
 */
@QuarkusTest
class ConversationDigestRecapTest {
    private static final TenantSettings BERLIN = new TenantSettings("Europe/Berlin", DayOfWeek.MONDAY, null, null, List.of());
    private static final Set<Inclusion> ALL = Set.of(Inclusion.SALESFORCE_CALLS, Inclusion.FRONT_CALLS);

    @Inject
    ActivityStore activities;
    @Inject
    ConversationDigests digests;
    @Inject
    ConversationDigestBackfill backfill;
    @Inject
    RecapBuilder builder;
    @Inject
    TenantSettingsStore settings;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    EmployeeDirectory directory;

    @Test
    void a_recap_read_from_digests_is_identical_to_one_read_from_each_conversations_history() {
        for (int seed = 0; seed < 6; seed++) {
            String tenant = Ids.tenant();
            List<Activity> week = storedInRandomOrder(tenant, seed);
            RecapContent fromHistory = content(tenant);
            assertThat(digests.complete(tenant)).isFalse();

            assertThat(backfill.run(tenant, Instant.now().plusSeconds(30))).as("ingest left nothing to backfill").isTrue();

            assertThat(digests.complete(tenant)).isTrue();
            assertThat(content(tenant)).as("week %d", seed).isEqualTo(fromHistory);
            assertMeasuresConversations(fromHistory, week);
        }
    }

    @Test
    void activity_stored_before_digests_existed_is_put_into_them_before_recaps_trust_them() {
        String tenant = Ids.tenant();
        List<Activity> week = storedInRandomOrder(tenant, 7);
        RecapContent fromHistory = content(tenant);
        forgetDigests(tenant, week);

        assertThat(backfill.run(tenant, Instant.now().plusSeconds(30))).isTrue();

        assertThat(content(tenant)).isEqualTo(fromHistory);
        assertThat(backfill.run(tenant, Instant.now().plusSeconds(30))).as("nothing left to do").isTrue();
    }

    @Test
    void a_conversation_too_big_for_its_digest_is_read_from_its_history() {
        String tenant = Ids.tenant();
        List<Activity> week = storedInRandomOrder(tenant, 3);
        RecapContent fromHistory = content(tenant);
        String busiest = week.stream().filter(a -> a.source() == Source.FRONT).map(Activity::sourceRecordId).findFirst().orElseThrow();
        dynamo.putItem(b -> b.tableName(LocalAws.TABLE).item(Map.of("PK", digestKey(tenant, busiest), "SK", AttributeValue.fromS("DIG"),
                "overflow", AttributeValue.fromBool(true))));
        Activity later = new Activity(tenant, java.util.Optional.empty(), RecapFixture.TO.plusSeconds(3600), Source.FRONT, "front.message.received",
                busiest, "evt_after_overflow", Map.of("conversationId", busiest), Map.of(), Map.of());

        assertThat(activities.record(later)).isEqualTo(WriteOutcome.CREATED);
        assertThat(activities.record(later)).isEqualTo(WriteOutcome.ALREADY_STORED);
        assertThat(backfill.run(tenant, Instant.now().plusSeconds(30))).isTrue();

        assertThat(digest(tenant, busiest)).as("the mark stays; no entries pile up behind it").containsOnlyKeys("PK", "SK", "overflow");
        assertThat(content(tenant)).isEqualTo(fromHistory);
    }

    @Test
    void a_repeated_delivery_changes_neither_the_activity_nor_its_digest() {
        String tenant = Ids.tenant();
        Activity reply = new Activity(tenant, java.util.Optional.of(RecapFixture.ADA), Instant.parse("2026-09-29T09:00:00Z"), Source.FRONT,
                "front.message.sent", "cnv_once", "msg_once", Map.of("conversationId", "cnv_once"), Map.of(), Map.of());

        assertThat(activities.record(reply)).isEqualTo(WriteOutcome.CREATED);
        assertThat(activities.record(reply)).isEqualTo(WriteOutcome.ALREADY_STORED);

        Map<String, AttributeValue> digest = digest(tenant, "cnv_once");
        assertThat(digest.keySet().stream().filter(k -> k.startsWith("e_"))).containsExactly("e_" + reply.id());
        assertThat(digest.get("e_" + reply.id()).m()).containsOnlyKeys("k", "t", "f")
                .as("what a recap needs, nothing that names a person").doesNotContainKey("employeeId");
    }

    private List<Activity> storedInRandomOrder(String tenant, int seed) {
        settings.put(tenant, BERLIN, "test");
        List<Activity> week = new ArrayList<>(VariedWeeks.activities(seed).stream().map(a -> new Activity(tenant, a.employeeId(), a.occurredAt(),
                a.source(), a.kind(), a.sourceRecordId(), a.sourceFactId(), a.references(), a.measures(), a.metadata())).toList());
        // The backfill reads the timelines of the people in the directory, as it does for a real company.
        week.stream().flatMap(a -> a.employeeId().stream()).distinct().forEach(id -> directory.put(tenant, id,
                new EmployeeInput(id, id + "@acme.test", null, null, List.of(), Identities.NONE, true, null), 0));
        Collections.shuffle(week, new Random(seed));
        week.forEach(activities::record);
        return week;
    }

    private RecapContent content(String tenant) {
        return builder.calculate(tenant, RecapFixture.ADA, RecapFixture.FROM, RecapFixture.TO, BERLIN, ALL, Set.of());
    }

    /** The comparison means something: the week measures conversations by history the employee's own timeline lacks. */
    private static void assertMeasuresConversations(RecapContent content, List<Activity> week) {
        RecapContent.Section customers = content.sections().stream().filter(s -> s.id() == SectionId.CUSTOMERS).findFirst().orElseThrow();
        assertThat(customers.metrics()).extracting(RecapContent.Metric::id).contains("conversationsHandled");
        assertThat(week).anyMatch(a -> a.source() == Source.FRONT && !a.employeeId().equals(java.util.Optional.of(RecapFixture.ADA)));
    }

    private void forgetDigests(String tenant, List<Activity> week) {
        for (Activity a : week) {
            if (a.source() == Source.FRONT) {
                dynamo.deleteItem(b -> b.tableName(LocalAws.TABLE).key(Map.of("PK", digestKey(tenant, a.sourceRecordId()), "SK", AttributeValue.fromS("DIG"))));
                dynamo.updateItem(b -> b.tableName(LocalAws.TABLE).key(Map.of("PK", AttributeValue.fromS("T#" + tenant + "#ACT#" + a.id()),
                        "SK", AttributeValue.fromS("ACT"))).updateExpression("REMOVE digested"));
            }
        }
    }

    private Map<String, AttributeValue> digest(String tenant, String conversation) {
        return dynamo.getItem(b -> b.tableName(LocalAws.TABLE).key(Map.of("PK", digestKey(tenant, conversation), "SK", AttributeValue.fromS("DIG")))
                .consistentRead(true)).item();
    }

    private static AttributeValue digestKey(String tenant, String conversation) {
        return AttributeValue.fromS("T#" + tenant + "#DIG#" + conversation);
    }
}
