package io.gristmill.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gristmill.testing.Ids;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SyncCursorStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00.123Z");

    @Inject
    SyncCursorStore cursors;

    @Test
    void a_new_cursor_is_set_once_and_then_moves_forward_from_where_it_is() {
        String tenant = Ids.tenant();
        assertThat(cursors.get(tenant, "salesforce", "Opportunity")).isEmpty();

        assertThat(cursors.advance(tenant, "salesforce", "Opportunity", Optional.empty(), T0)).isTrue();
        assertThat(cursors.advance(tenant, "salesforce", "Opportunity", Optional.empty(), T0.plusSeconds(5)))
                .as("a second 'first' writer").isFalse();
        assertThat(cursors.advance(tenant, "salesforce", "Opportunity", Optional.of(T0), T0.plusSeconds(60))).isTrue();

        assertThat(cursors.get(tenant, "salesforce", "Opportunity").orElseThrow().position()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void all_of_a_providers_cursors_come_back_by_object_in_one_read_and_no_other_providers() {
        String tenant = Ids.tenant();
        cursors.advance(tenant, "salesforce", "Opportunity", Optional.empty(), T0);
        cursors.advance(tenant, "salesforce", "Task", Optional.empty(), T0.plusSeconds(30));
        cursors.advance(tenant, "front", "events", Optional.empty(), T0.plusSeconds(60));

        java.util.Map<String, SyncCursor> all = cursors.all(tenant, "salesforce");

        assertThat(all).containsOnlyKeys("Opportunity", "Task");
        assertThat(all.get("Task").position()).isEqualTo(T0.plusSeconds(30));
        assertThat(all.get("Opportunity")).isEqualTo(cursors.get(tenant, "salesforce", "Opportunity").orElseThrow());
        assertThat(cursors.all(Ids.tenant(), "salesforce")).isEmpty();
    }

    @Test
    void a_writer_that_read_an_old_position_cannot_move_it() {
        String tenant = Ids.tenant();
        cursors.advance(tenant, "salesforce", "Task", Optional.empty(), T0);
        cursors.advance(tenant, "salesforce", "Task", Optional.of(T0), T0.plusSeconds(120));

        assertThat(cursors.advance(tenant, "salesforce", "Task", Optional.of(T0), T0.plusSeconds(60))).isFalse();
        assertThat(cursors.get(tenant, "salesforce", "Task").orElseThrow().position()).isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void a_cursor_never_moves_backwards() {
        String tenant = Ids.tenant();
        cursors.advance(tenant, "front", "events", Optional.empty(), T0);

        assertThat(cursors.advance(tenant, "front", "events", Optional.of(T0), T0.minusSeconds(1))).isFalse();
        assertThat(cursors.advance(tenant, "front", "events", Optional.of(T0), T0)).isFalse();
        assertThat(cursors.get(tenant, "front", "events").orElseThrow().position()).isEqualTo(T0);
    }

    @Test
    void cursors_are_per_tenant_provider_and_object() {
        String tenant = Ids.tenant();
        cursors.advance(tenant, "salesforce", "Opportunity", Optional.empty(), T0);

        assertThat(cursors.get(tenant, "salesforce", "Lead")).isEmpty();
        assertThat(cursors.get(tenant, "front", "Opportunity")).isEmpty();
        assertThat(cursors.get(Ids.tenant(), "salesforce", "Opportunity")).isEmpty();
    }
}
