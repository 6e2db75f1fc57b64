package io.gristmill.recap;

import static io.gristmill.recap.RecapFixture.ADA;
import static io.gristmill.recap.RecapFixture.BERLIN;
import static io.gristmill.recap.RecapFixture.FROM;
import static io.gristmill.recap.RecapFixture.TO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.gristmill.activity.Activity;
import io.gristmill.recap.RecapContent.Metric;

/**
 * Recap figures against the fixture week, worked out by hand (times are Berlin, UTC+2 that week):
 * <ul>
 * <li>Sales: 2 deals created (Acme USD 50,000 and Globex EUR 20,000: pipeline added per currency,
 * never 70,000 of nothing); Acme's creation row (its first stage, Prospecting) is no move; 3 stage
 * changes on 2 deals (Acme twice, Initech once); won Initech 120,000 + Umbrella 30,000 = USD 150,000;
 * lost Hooli USD 15,000; 1 lead converted; 2 meetings; 1 task; contacts C1, C2 (meetings), C1 (task), C3, C1
 * (calls), C4 (contact role) = 4 people; 1 note. The deals won Sunday 23:00 before and Monday
 * 00:30 after the week (inside it in UTC days) and Bob's win do not count.</li>
 * <li>Customers: conversations 1, 2, 3, 4 (a comment), 5 (a reply) and 6 (a call) handled = 6; 7
 * was a missed call. Replies in 1, 2, 3, 5 = 4 (the API's automatic acknowledgement in cnv_3 is
 * nobody's reply). Archived 1, 2, 3 = 3 conversations resolved, in 4 resolutions: cnv_2 was
 * resolved Tuesday, reopened Wednesday 12:00 and resolved again at 13:00. First responses that were
 * Ada's within the week: cnv_1 30 min, cnv_3 60 min (not the acknowledgement after 4 s), cnv_5 22 h
 * (message on Sunday of the week before) → median 60 min; cnv_2 was answered first by Bob.
 * Resolutions later reopened: cnv_2's first → 1 of 4 = 0.25 (counting only each conversation's
 * last archive, as before, gave 0 of 3). Tags at the end of the week: billing on 1 and 2 ("urgent" was removed
 * from 2), shipping on 3.</li>
 * <li>Calls (only on request): 3 logged, 300 + 600 + 120 = 1,020 s; Connected 1, Left voicemail 1,
 * no outcome 1; Front: 1 handled, 1 missed.</li>
 * </ul>
 */
class RecapCalculatorTest {
    private static final List<Activity> ACTIVITIES = RecapFixture.activities("t-fixture");
    private static final RecapLinks LINKS = new RecapLinks(Optional.of("https://acme.my.salesforce.com"), "https://app.frontapp.com/open/");

    private static RecapContent recap(Set<Inclusion> inclusions, Set<SectionId> sections) {
        return RecapCalculator.calculate(new RecapCalculator.Input(ADA, FROM, TO, BERLIN, ACTIVITIES,
                RecapFixture.conversations(ACTIVITIES), inclusions, sections, LINKS));
    }

    private static Map<String, BigDecimal> metrics(RecapContent content, SectionId section) {
        return content.section(section).orElseThrow().metrics().stream()
                .collect(Collectors.toMap(Metric::key, Metric::value, (a, b) -> {
                    throw new AssertionError("two metrics with one key");
                }, java.util.LinkedHashMap::new));
    }

    private static BigDecimal n(String value) {
        return new BigDecimal(value);
    }

    @Test
    void sales_figures_match_the_hand_computed_week() {
        Map<String, BigDecimal> sales = metrics(recap(Set.of(), Set.of()), SectionId.SALES);

        assertThat(sales).containsExactlyEntriesOf(new java.util.LinkedHashMap<>(Map.ofEntries()) {
            {
                put("dealsCreated", n("2"));
                put("pipelineAdded.EUR", n("20000"));
                put("pipelineAdded.USD", n("50000"));
                put("dealsAdvanced", n("2"));
                put("dealsWon", n("2"));
                put("amountWon.USD", n("150000"));
                put("dealsLost", n("1"));
                put("amountLost.USD", n("15000"));
                put("leadsConverted", n("1"));
                put("meetingsHeld", n("2"));
                put("tasksCompleted", n("1"));
                put("contactsEngaged", n("4"));
                put("notesWritten", n("1"));
            }
        });
    }

    @Test
    void stage_moves_list_from_and_to_with_the_largest_first_and_link_to_the_record() {
        RecapContent content = recap(Set.of(), Set.of());

        assertThat(content.section(SectionId.SALES).orElseThrow().items())
                .extracting(RecapContent.Item::label, RecapContent.Item::detail, RecapContent.Item::value, RecapContent.Item::link)
                .containsExactly(
                        tuple("Initech renewal", "Proposal → Negotiation", n("120000"), "https://acme.my.salesforce.com/006A0000000003AAA"),
                        tuple("Acme expansion", "Qualification → Proposal", n("55000"), "https://acme.my.salesforce.com/006A0000000001AAA"),
                        tuple("Acme expansion", "Prospecting → Qualification", n("50000"), "https://acme.my.salesforce.com/006A0000000001AAA"));
    }

    @Test
    void customer_figures_match_the_hand_computed_week() {
        RecapContent content = recap(Set.of(), Set.of());

        assertThat(metrics(content, SectionId.CUSTOMERS)).containsExactly(
                Map.entry("conversationsHandled", n("6")),
                Map.entry("conversationsResolved", n("3")),
                Map.entry("repliesSent", n("4")),
                Map.entry("medianFirstResponseSeconds", n("3600")),
                Map.entry("reopenRate", n("0.25")));
        assertThat(content.section(SectionId.CUSTOMERS).orElseThrow().items())
                .extracting(RecapContent.Item::label, RecapContent.Item::value)
                .containsExactly(tuple("billing", n("2")), tuple("shipping", n("1")));
    }

    @Test
    void approved_summaries_list_the_problems_solved_and_sit_in_the_evidence_next_to_the_conversation_link() {
        String summary = "Customer could not sign in; agent restored access and confirmed it worked.";
        List<Activity> withSummary = ACTIVITIES.stream().map(a -> a.kind().equals("front.conversation.archived")
                && a.employeeId().filter(ADA::equals).isPresent() && a.references().get("conversationId").equals(firstResolvedConversation())
                ? new Activity(a.tenantId(), a.employeeId(), a.occurredAt(), a.source(), a.kind(), a.sourceRecordId(), a.sourceFactId(),
                        a.references(), a.measures(), withEntry(a.metadata(), io.gristmill.activity.ActivityStore.SUMMARY, summary))
                : a).toList();

        RecapContent content = RecapCalculator.calculate(new RecapCalculator.Input(ADA, FROM, TO, BERLIN, withSummary,
                RecapFixture.conversations(withSummary), Set.of(), Set.of(), LINKS));
        RecapContent without = recap(Set.of(), Set.of());

        RecapContent.Item problem = content.section(SectionId.CUSTOMERS).orElseThrow().items().stream()
                .filter(i -> "problem solved".equals(i.detail())).findFirst().orElseThrow();
        assertThat(problem.label()).isEqualTo(summary);
        assertThat(problem.link()).isEqualTo("https://app.frontapp.com/open/" + firstResolvedConversation());
        assertThat(content.evidence().get(problem.evidence().get(0)).summary()).isEqualTo(summary);
        assertThat(content.evidence().get(problem.evidence().get(0)).link()).isEqualTo(problem.link());
        assertThat(without.section(SectionId.CUSTOMERS).orElseThrow().items()).noneMatch(i -> "problem solved".equals(i.detail()));
        assertThat(without.evidence().values()).allMatch(e -> e.summary() == null);
    }

    private static String firstResolvedConversation() {
        return ACTIVITIES.stream().filter(a -> a.kind().equals("front.conversation.archived") && a.employeeId().filter(ADA::equals).isPresent()
                && !a.occurredAt().isBefore(FROM) && a.occurredAt().isBefore(TO)).map(a -> a.references().get("conversationId")).findFirst()
                .orElseThrow();
    }

    private static Map<String, String> withEntry(Map<String, String> map, String key, String value) {
        Map<String, String> copy = new java.util.HashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    @Test
    void call_metrics_appear_only_when_included() {
        assertThat(recap(Set.of(), Set.of()).section(SectionId.CALLS)).isEmpty();

        RecapContent withCalls = recap(Set.of(Inclusion.SALESFORCE_CALLS, Inclusion.FRONT_CALLS), Set.of());

        assertThat(metrics(withCalls, SectionId.CALLS)).containsExactly(
                Map.entry("callsLogged", n("3")),
                Map.entry("talkTimeSeconds", n("1020")),
                Map.entry("frontCallsHandled", n("1")),
                Map.entry("frontCallsMissed", n("1")));
        assertThat(withCalls.section(SectionId.CALLS).orElseThrow().items())
                .extracting(RecapContent.Item::label, RecapContent.Item::value)
                .containsExactly(tuple("Connected", n("1")), tuple("Left voicemail", n("1")), tuple("No outcome recorded", n("1")));
    }

    @Test
    void highlights_are_the_biggest_win_the_largest_move_and_the_fastest_resolutions() {
        assertThat(recap(Set.of(), Set.of()).highlights())
                .extracting(RecapContent.Highlight::kind, RecapContent.Highlight::title, RecapContent.Highlight::link)
                .containsExactly(
                        tuple("biggest_win", "Won Initech renewal", "https://acme.my.salesforce.com/006A0000000003AAA"),
                        tuple("largest_deal_moved", "Initech renewal: Proposal → Negotiation", "https://acme.my.salesforce.com/006A0000000003AAA"),
                        tuple("fast_resolution", "Resolved a conversation in 1 h 20 min", "https://app.frontapp.com/open/cnv_3"),
                        tuple("fast_resolution", "Resolved a conversation in 2 h", "https://app.frontapp.com/open/cnv_1"),
                        tuple("fast_resolution", "Resolved a conversation in 2 h", "https://app.frontapp.com/open/cnv_2"));
    }

    @Test
    void every_number_names_the_activities_behind_it() {
        RecapContent content = recap(Set.of(Inclusion.SALESFORCE_CALLS), Set.of());
        Map<String, Activity> byId = ACTIVITIES.stream().collect(Collectors.toMap(Activity::id, a -> a));

        Metric won = content.metric("amountWon").orElseThrow();
        assertThat(won.evidence()).extracting(id -> byId.get(id).sourceRecordId())
                .containsExactlyInAnyOrder("006A0000000003AAA", "006A0000000004AAA");
        assertThat(won.evidence().stream().map(id -> byId.get(id).measures().get("amount")).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(won.value());
        Metric median = content.metric("medianFirstResponseSeconds").orElseThrow();
        assertThat(median.evidence()).extracting(id -> byId.get(id).sourceRecordId()).containsExactlyInAnyOrder("cnv_1", "cnv_3", "cnv_5");
        // Every id used anywhere is explained in the evidence table.
        content.sections().forEach(s -> s.metrics().forEach(m -> assertThat(content.evidence()).containsKeys(m.evidence().toArray(String[]::new))));
        assertThat(content.evidence().get(won.evidence().get(0)).link()).startsWith("https://acme.my.salesforce.com/006A");
    }

    @Test
    void activity_per_day_is_cut_in_the_tenant_zone() {
        assertThat(recap(Set.of(), Set.of()).activityPerDay()).extracting(RecapContent.DayCount::date, RecapContent.DayCount::count)
                .containsExactly(
                        tuple(LocalDate.parse("2026-09-28"), 9), tuple(LocalDate.parse("2026-09-29"), 7),
                        tuple(LocalDate.parse("2026-09-30"), 6), tuple(LocalDate.parse("2026-10-01"), 8),
                        tuple(LocalDate.parse("2026-10-02"), 5), tuple(LocalDate.parse("2026-10-03"), 0),
                        tuple(LocalDate.parse("2026-10-04"), 0));
    }

    @Test
    void pipeline_movement_counts_a_deal_moved_twice_once_at_its_latest_amount_per_currency() {
        assertThat(recap(Set.of(), Set.of()).pipeline())
                .extracting(RecapContent.PipelineBar::label, RecapContent.PipelineBar::deals, RecapContent.PipelineBar::amount,
                        RecapContent.PipelineBar::currency)
                .containsExactly(tuple("Created (EUR)", 1, n("20000"), "EUR"), tuple("Created (USD)", 1, n("50000"), "USD"),
                        tuple("Advanced (USD)", 2, n("175000"), "USD"), tuple("Won (USD)", 2, n("150000"), "USD"),
                        tuple("Lost (USD)", 1, n("15000"), "USD"));
    }

    @Test
    void a_template_can_leave_sections_out() {
        RecapContent content = recap(Set.of(Inclusion.SALESFORCE_CALLS), Set.of(SectionId.CUSTOMERS));

        assertThat(content.sections()).extracting(RecapContent.Section::id).containsExactly(SectionId.CUSTOMERS);
        assertThat(content.highlights()).isEmpty();
    }

    @Test
    void a_week_without_activity_has_no_sections() {
        RecapContent content = RecapCalculator.calculate(new RecapCalculator.Input("emp-nobody", FROM, TO, BERLIN, ACTIVITIES,
                Map.of(), Set.of(), Set.of(), LINKS));

        assertThat(content.sections()).isEmpty();
        assertThat(content.highlights()).isEmpty();
        assertThat(content.activityCount()).isZero();
    }
}
