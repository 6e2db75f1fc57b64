package io.gristmill.front;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.gristmill.activity.Activity;
import io.gristmill.activity.Source;

class ConversationMetricsTest {
    private static final Instant T0 = Instant.parse("2026-11-16T09:00:00Z");

    private static Activity at(int minutes, String kind, String employee) {
        return new Activity("t-1", Optional.ofNullable(employee), T0.plus(Duration.ofMinutes(minutes)), Source.FRONT, kind, "cnv_1",
                "evt_" + minutes + "_" + kind, Map.of("conversationId", "cnv_1"), Map.of(), Map.of());
    }

    private static List<Activity> conversation() {
        return List.of(
                at(0, ConversationMetrics.RECEIVED, "emp-ada"),
                at(5, "front.conversation.assigned", "emp-bob"),
                at(42, ConversationMetrics.SENT, "emp-bob"),
                at(50, ConversationMetrics.RECEIVED, "emp-bob"),
                at(70, ConversationMetrics.SENT, "emp-bob"),
                at(90, ConversationMetrics.ARCHIVED, "emp-bob"),
                at(300, ConversationMetrics.REOPENED, "emp-bob"),
                at(310, ConversationMetrics.SENT, "emp-ada"),
                at(320, ConversationMetrics.ARCHIVED, "emp-ada"));
    }

    @Test
    void measures_first_response_replies_resolution_and_reopens_from_event_times() {
        ConversationMetrics m = ConversationMetrics.of("cnv_1", conversation());

        assertThat(m.firstResponse()).contains(Duration.ofMinutes(42));
        assertThat(m.firstResponder()).contains("emp-bob");
        assertThat(m.repliesUntilResolved()).isEqualTo(2);
        assertThat(m.resolution()).contains(Duration.ofMinutes(90));
        assertThat(m.reopens()).isEqualTo(1);
        assertThat(m.resolved()).isTrue();
    }

    @Test
    void the_result_does_not_depend_on_arrival_order() {
        ConversationMetrics inOrder = ConversationMetrics.of("cnv_1", conversation());
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            List<Activity> shuffled = new ArrayList<>(conversation());
            Collections.shuffle(shuffled, random);
            assertThat(ConversationMetrics.of("cnv_1", shuffled)).isEqualTo(inOrder);
        }
    }

    @Test
    void an_open_conversation_without_a_reply_has_no_response_or_resolution() {
        ConversationMetrics m = ConversationMetrics.of("cnv_1", List.of(at(0, ConversationMetrics.RECEIVED, null)));

        assertThat(m.firstResponse()).isEmpty();
        assertThat(m.resolution()).isEmpty();
        assertThat(m.resolved()).isFalse();
    }

    @Test
    void a_reopened_conversation_is_not_resolved_until_archived_again() {
        List<Activity> reopened = new ArrayList<>(conversation().subList(0, 7));

        assertThat(ConversationMetrics.of("cnv_1", reopened).resolved()).isFalse();
    }

    @Test
    void outbound_messages_before_any_inbound_are_not_responses() {
        ConversationMetrics m = ConversationMetrics.of("cnv_1", List.of(at(0, ConversationMetrics.SENT, "emp-ada"),
                at(10, ConversationMetrics.RECEIVED, null), at(25, ConversationMetrics.SENT, "emp-bob")));

        assertThat(m.firstResponse()).contains(Duration.ofMinutes(15));
        assertThat(m.firstResponder()).contains("emp-bob");
    }
}
