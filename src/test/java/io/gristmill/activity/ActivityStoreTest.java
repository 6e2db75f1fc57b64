package io.gristmill.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gristmill.testing.Ids;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ActivityStoreTest {
    private static final Instant MONDAY = Instant.parse("2026-11-16T00:00:00Z");

    @Inject
    ActivityStore store;

    private static Activity stageChange(String tenant, String employee, Instant at, String historyRowId) {
        return new Activity(tenant, Optional.ofNullable(employee), at, Source.SALESFORCE, "opportunity.stage_changed",
                "006000000000001AAA", historyRowId,
                Map.of("opportunityName", "Acme renewal", "accountId", "001000000000001AAA"),
                Map.of("amount", new BigDecimal("12500.50")),
                Map.of("fromStage", "Prospecting", "toStage", "Negotiation"));
    }

    @Test
    void the_same_source_fact_written_twice_is_stored_once() {
        String tenant = Ids.tenant();
        Activity fact = stageChange(tenant, "emp-1", MONDAY.plusSeconds(3600), "008000000000001");

        assertThat(store.record(fact)).isEqualTo(WriteOutcome.CREATED);
        assertThat(store.record(fact)).isEqualTo(WriteOutcome.ALREADY_STORED);

        assertThat(store.forEmployee(tenant, "emp-1", MONDAY, MONDAY.plusSeconds(7 * 86400))).containsExactly(fact);
    }

    @Test
    void concurrent_writes_of_one_fact_store_it_once() throws Exception {
        String tenant = Ids.tenant();
        Activity fact = stageChange(tenant, "emp-1", MONDAY.plusSeconds(60), "008000000000002");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<WriteOutcome>> outcomes = pool.invokeAll(java.util.Collections.nCopies(8, () -> store.record(fact)));
            long created = 0;
            for (Future<WriteOutcome> outcome : outcomes) {
                if (outcome.get() == WriteOutcome.CREATED) {
                    created++;
                }
            }
            assertThat(created).as("exactly one writer creates the activity").isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        assertThat(store.forSourceRecord(tenant, Source.SALESFORCE, fact.sourceRecordId())).hasSize(1);
    }

    @Test
    void time_range_is_half_open_and_ordered_by_occurrence() {
        String tenant = Ids.tenant();
        Activity atStart = stageChange(tenant, "emp-1", MONDAY, "row-start");
        Activity inside = stageChange(tenant, "emp-1", MONDAY.plusSeconds(86400), "row-inside");
        Activity atEnd = stageChange(tenant, "emp-1", MONDAY.plusSeconds(7 * 86400), "row-end");
        Activity before = stageChange(tenant, "emp-1", MONDAY.minusMillis(1), "row-before");
        Activity otherEmployee = stageChange(tenant, "emp-2", MONDAY.plusSeconds(10), "row-other");
        for (Activity a : List.of(atEnd, inside, atStart, before, otherEmployee)) {
            store.record(a);
        }

        assertThat(store.forEmployee(tenant, "emp-1", MONDAY, MONDAY.plusSeconds(7 * 86400)))
                .containsExactly(atStart, inside);
    }

    @Test
    void a_time_range_query_reads_past_one_page() {
        String tenant = Ids.tenant();
        // ~1.5 KB per item: 900 items exceed DynamoDB's 1 MB page, so the paginator must follow.
        String padding = "x".repeat(500);
        for (int i = 0; i < 900; i++) {
            store.record(new Activity(tenant, Optional.of("emp-1"), MONDAY.plusSeconds(i), Source.FRONT,
                    "front.message.sent", "cnv_" + i, "evt_" + i, Map.of("a", padding, "b", padding),
                    Map.of(), Map.of("c", padding)));
        }
        assertThat(store.forEmployee(tenant, "emp-1", MONDAY, MONDAY.plusSeconds(86400))).hasSize(900);
    }

    @Test
    void a_bounded_read_of_a_period_busier_than_its_limit_is_refused_instead_of_filling_memory() {
        String tenant = Ids.tenant();
        for (int i = 0; i < 6; i++) {
            store.record(stageChange(tenant, "emp-1", MONDAY.plusSeconds(60L * i), "00800000000000" + i));
        }

        assertThat(store.forEmployee(tenant, "emp-1", MONDAY, MONDAY.plusSeconds(86400), 6)).hasSize(6);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.forEmployee(tenant, "emp-1", MONDAY, MONDAY.plusSeconds(86400), 5))
                .isInstanceOf(TooMuchActivityException.class).hasMessageContaining("more than 5");
    }

    @Test
    void recording_many_at_once_stores_each_once_and_counts_only_the_new() {
        String tenant = Ids.tenant();
        List<Activity> first = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            first.add(stageChange(tenant, "emp-1", MONDAY.plusSeconds(i), "row-" + i));
        }
        assertThat(store.recordAll(first)).isEqualTo(100);

        List<Activity> again = new java.util.ArrayList<>(first);
        for (int i = 100; i < 150; i++) {
            again.add(stageChange(tenant, "emp-1", MONDAY.plusSeconds(i), "row-" + i));
        }
        assertThat(store.recordAll(again)).isEqualTo(50);
        assertThat(store.forEmployee(tenant, "emp-1", MONDAY, MONDAY.plusSeconds(86400))).hasSize(150);
    }

    @Test
    void unattributed_activity_is_kept_and_can_be_attributed_later() {
        String tenant = Ids.tenant();
        Activity orphan = stageChange(tenant, null, MONDAY.plusSeconds(100), "row-orphan");
        store.record(orphan);

        assertThat(store.unattributed(tenant, MONDAY, MONDAY.plusSeconds(86400))).containsExactly(orphan);

        assertThat(store.attribute(tenant, orphan.id(), Optional.of("emp-7"))).isTrue();

        assertThat(store.unattributed(tenant, MONDAY, MONDAY.plusSeconds(86400))).isEmpty();
        assertThat(store.forEmployee(tenant, "emp-7", MONDAY, MONDAY.plusSeconds(86400)))
                .containsExactly(orphan.attributedTo(Optional.of("emp-7")));
    }

    @Test
    void attributing_an_unknown_activity_changes_nothing() {
        String tenant = Ids.tenant();
        assertThat(store.attribute(tenant, "0123456789abcdef0123456789abcdef", Optional.of("emp-1"))).isFalse();
        assertThat(store.find(tenant, "0123456789abcdef0123456789abcdef")).isEmpty();
    }

    @Test
    void activities_of_a_deleted_source_record_are_removed() {
        String tenant = Ids.tenant();
        Activity first = stageChange(tenant, "emp-1", MONDAY.plusSeconds(1), "row-1");
        Activity second = stageChange(tenant, "emp-1", MONDAY.plusSeconds(2), "row-2");
        store.record(first);
        store.record(second);

        assertThat(store.forSourceRecord(tenant, Source.SALESFORCE, "006000000000001AAA")).containsExactly(first, second);
        assertThat(store.deleteForSourceRecord(tenant, Source.SALESFORCE, "006000000000001AAA")).isEqualTo(2);
        assertThat(store.forEmployee(tenant, "emp-1", MONDAY, MONDAY.plusSeconds(86400))).isEmpty();
    }

    @Test
    void tenants_never_see_each_others_activity() {
        String tenantA = Ids.tenant();
        String tenantB = Ids.tenant();
        store.record(stageChange(tenantA, "emp-1", MONDAY.plusSeconds(5), "row-a"));

        assertThat(store.forEmployee(tenantB, "emp-1", MONDAY, MONDAY.plusSeconds(86400))).isEmpty();
        assertThat(store.forSourceRecord(tenantB, Source.SALESFORCE, "006000000000001AAA")).isEmpty();
    }
}
