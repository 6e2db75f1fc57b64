package io.gristmill.recap;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.gristmill.activity.Activity;
import io.gristmill.activity.Source;
import io.gristmill.recap.RecapContent.Item;
import io.gristmill.recap.RecapContent.Section;

/** Lists that are cut say so; lines read as sentences; amounts keep their currency. */
class RecapListsAndLabelsTest {
    private static final Instant FROM = Instant.parse("2026-11-23T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-30T00:00:00Z");
    private static final RecapLinks LINKS = new RecapLinks(Optional.of("https://acme.my.salesforce.com"), "https://app.frontapp.com/open/");

    private static Activity activity(int n, String kind, String record, Map<String, String> refs, Map<String, BigDecimal> measures,
            Map<String, String> meta) {
        return new Activity("t-1", Optional.of("emp-ada"), FROM.plusSeconds(3600L * n), kind.startsWith("front") ? Source.FRONT : Source.SALESFORCE,
                kind, record, record + "#" + n, refs, measures, meta);
    }

    private static RecapContent recap(List<Activity> activities, Set<Inclusion> inclusions) {
        return RecapCalculator.calculate(new RecapCalculator.Input("emp-ada", FROM, TO, ZoneId.of("UTC"), activities, Map.of(), inclusions,
                Set.of(), LINKS));
    }

    private static Recap wrapped(RecapContent content) {
        return new Recap("emp-ada", "Ada Lovelace", "2026-W48", FROM, TO, "UTC", 1, RecapStatus.DRAFT, FROM, null, null, null, null, null,
                List.of(), null, "", content, null, null, null);
    }

    @Test
    void twelve_stage_moves_show_ten_and_say_two_more() {
        List<Activity> moves = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            moves.add(activity(i, "opportunity.stage_changed", "006A00000000%03dAAA".formatted(i),
                    Map.of("opportunityName", "Deal " + i, "currency", "USD"), Map.of("amount", BigDecimal.valueOf(1000L * i)),
                    Map.of("fromStage", "Prospecting", "toStage", "Qualification")));
        }

        List<Item> items = recap(moves, Set.of()).section(SectionId.SALES).orElseThrow().items();

        assertThat(items).hasSize(11);
        assertThat(items.get(0).label()).isEqualTo("Deal 12");
        assertThat(items.get(10)).satisfies(more -> {
            assertThat(more.label()).isEqualTo("and 2 more");
            assertThat(more.detail()).isEqualTo("more");
            assertThat(more.evidence()).hasSize(2);
        });
    }

    @Test
    void seven_tags_show_five_and_say_two_more_tags() {
        List<Activity> tagged = new ArrayList<>();
        String[] tags = {"VIP", "billing", "refund", "shipping", "bug", "feedback", "spam"};
        for (int i = 0; i < tags.length; i++) {
            tagged.add(activity(i, "front.conversation.tagged", "cnv_" + i, Map.of("conversationId", "cnv_" + i), Map.of(),
                    Map.of("tagName", tags[i])));
        }
        tagged.add(activity(9, "front.conversation.tagged", "cnv_8", Map.of("conversationId", "cnv_8"), Map.of(), Map.of("tagName", "VIP")));

        Section customers = recap(tagged, Set.of()).section(SectionId.CUSTOMERS).orElseThrow();

        assertThat(customers.items()).extracting(Item::label).containsExactly("VIP", "billing", "bug", "feedback", "refund", "and 2 more tags");
    }

    @Test
    void lines_read_as_sentences_without_internal_ids() {
        List<Activity> week = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            week.add(activity(i, "front.conversation.tagged", "cnv_" + i, Map.of("conversationId", "cnv_" + i), Map.of(), Map.of("tagName", "VIP")));
        }
        for (int i = 0; i < 4; i++) {
            week.add(activity(10 + i, "task.call_logged", "00T00000000000%dAAA".formatted(i), Map.of(), Map.of("durationSeconds", BigDecimal.TEN),
                    Map.of("disposition", "Connected")));
        }
        week.add(activity(20, "opportunity.stage_changed", "006A00000000XYZAAA", Map.of("currency", "EUR"), Map.of("amount", BigDecimal.valueOf(90000)),
                Map.of("toStage", "Negotiation")));
        week.add(activity(21, "front.conversation.archived", "cnv_0", Map.of("conversationId", "cnv_0"), Map.of(), Map.of()));

        RecapView view = RecapView.of(wrapped(recap(week, Set.of(Inclusion.SALESFORCE_CALLS))));
        List<String> lines = view.sections().stream().flatMap(s -> s.items().stream())
                .map(i -> i.label() + i.separator() + i.detail() + (i.value().isEmpty() ? "" : " (" + i.value() + ")")).toList();

        assertThat(lines).contains("VIP tag: 3 conversations", "Connected: 4 calls",
                "A deal without a name — moved to Negotiation (EUR 90,000)");
        assertThat(view.highlights()).allSatisfy(h -> assertThat(String.valueOf(h.detail())).doesNotContain("cnv_"));
        assertThat(lines.toString()).doesNotContain("006A", "cnv_");
    }

    @Test
    void amounts_in_two_currencies_are_never_added_together() {
        List<Activity> won = List.of(
                activity(1, "opportunity.won", "006A00000000001AAA", Map.of("opportunityName", "Euro deal", "currency", "EUR"),
                        Map.of("amount", BigDecimal.valueOf(9000)), Map.of()),
                activity(2, "opportunity.won", "006A00000000002AAA", Map.of("opportunityName", "Dollar deal", "currency", "USD"),
                        Map.of("amount", BigDecimal.valueOf(48000)), Map.of()));

        RecapContent content = recap(won, Set.of());
        RecapView view = RecapView.of(wrapped(content));

        assertThat(content.section(SectionId.SALES).orElseThrow().metrics()).filteredOn(m -> m.id().equals("amountWon"))
                .extracting(RecapContent.Metric::currency, RecapContent.Metric::value)
                .containsExactly(org.assertj.core.api.Assertions.tuple("EUR", BigDecimal.valueOf(9000)),
                        org.assertj.core.api.Assertions.tuple("USD", BigDecimal.valueOf(48000)));
        assertThat(view.value("amountWon")).isEqualTo("EUR 9,000 and USD 48,000");
        assertThat(content.highlights().get(0).detail()).isEqualTo("USD 48,000");
    }
}
