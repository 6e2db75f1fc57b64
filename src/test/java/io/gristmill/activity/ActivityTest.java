package io.gristmill.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ActivityTest {
    private static final Instant AT = Instant.parse("2026-11-18T09:30:00Z");

    private static Activity call(String tenant, String factId, Map<String, String> metadata) {
        return new Activity(tenant, Optional.of("emp-1"), AT, Source.SALESFORCE, "task.call_logged",
                "00T000000000001AAA", factId, Map.of(), Map.of("durationSeconds", BigDecimal.valueOf(320)), metadata);
    }

    @Test
    void the_id_is_determined_by_tenant_source_kind_and_fact() {
        Activity a = call("acme", "00T000000000001AAA", Map.of());
        Activity sameFactOtherData = new Activity("acme", Optional.empty(), AT.plusSeconds(5), Source.SALESFORCE,
                "task.call_logged", "other-record", "00T000000000001AAA", Map.of(), Map.of(), Map.of("x", "y"));

        assertThat(a.id()).isEqualTo(sameFactOtherData.id()).hasSize(32);
        assertThat(call("globex", "00T000000000001AAA", Map.of()).id()).isNotEqualTo(a.id());
        assertThat(call("acme", "00T000000000002AAA", Map.of()).id()).isNotEqualTo(a.id());
    }

    @Test
    void id_parts_cannot_be_shifted_into_one_another() {
        assertThat(Activity.idOf("ab", Source.FRONT, "x.y", "c")).isNotEqualTo(Activity.idOf("a", Source.FRONT, "x.y", "bc"));
    }

    @Test
    void kind_must_be_dotted_lower_case() {
        assertThatThrownBy(() -> new Activity("acme", Optional.empty(), AT, Source.FRONT, "Conversation Archived",
                "cnv_1", "evt_1", Map.of(), Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kind");
    }

    @Test
    void metadata_is_small_and_refuses_content_sized_values() {
        assertThatThrownBy(() -> call("acme", "f", Map.of("body", "x".repeat(513))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata.body");
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 25; i++) {
            many.put("k" + i, "v");
        }
        assertThatThrownBy(() -> call("acme", "f", many)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void absent_values_are_left_out_instead_of_failing() {
        Map<String, String> metadata = new HashMap<>();
        metadata.put("disposition", null);
        metadata.put("direction", "Outbound");

        assertThat(call("acme", "f", metadata).metadata()).containsOnlyKeys("direction");
    }

    @Test
    void required_parts_are_named_when_missing() {
        assertThatThrownBy(() -> new Activity(" ", Optional.empty(), AT, Source.FRONT, "front.message.sent",
                "cnv_1", "evt_1", null, null, null)).hasMessageContaining("tenantId");
        assertThatThrownBy(() -> new Activity("acme", Optional.empty(), AT, Source.FRONT, "front.message.sent",
                "cnv_1", "", null, null, null)).hasMessageContaining("sourceFactId");
    }
}
