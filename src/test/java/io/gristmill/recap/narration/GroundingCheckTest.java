package io.gristmill.recap.narration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.gristmill.recap.VariedWeeks;
import io.gristmill.recap.narration.GroundingCheck.Paragraph;

class GroundingCheckTest {
    private static final int MAX = 4000;

    private static NarrationFacts facts(int seed) {
        return NarrationFacts.of(VariedWeeks.recap(seed));
    }

    private static List<String> check(NarrationFacts facts, List<Paragraph> paragraphs) {
        return new GroundingCheck(facts).violations(paragraphs, MAX);
    }

    @Test
    void a_narrative_written_from_the_facts_is_accepted_in_every_varied_week() {
        for (int seed = 0; seed < 40; seed++) {
            NarrationFacts facts = facts(seed);
            FactComposer.Composed composed = FactComposer.compose(facts, false);
            assertThat(check(facts, composed.paragraphs())).as("week %d:%n%s", seed, composed.text()).isEmpty();
        }
    }

    @Test
    void figures_in_the_forms_recaps_use_are_accepted() {
        NarrationFacts facts = facts(4);
        NarrationFacts.Figure amount = facts.figures().stream().filter(f -> "amount".equals(f.unit())).findFirst().orElseThrow();
        long value = amount.value().longValueExact();
        String thousands = value >= 1000 ? Math.round(value / 1000.0) + "k" : String.valueOf(value);
        List<Paragraph> text = List.of(new Paragraph(facts.firstName() + " won " + amount.currency() + " " + thousands + " this week, "
                + "which is " + amount.currency() + " " + "%,d".formatted(value) + " in full.", List.of(amount.key())));

        assertThat(check(facts, text)).isEmpty();
    }

    @Test
    void a_changed_number_is_named_as_not_what_the_cited_figures_say() {
        NarrationFacts facts = facts(1);
        NarrationFacts.Figure figure = facts.figures().get(0);
        String wrong = Mistakes.changed(figure.shown(), new Random(3));
        List<Paragraph> text = List.of(new Paragraph(facts.firstName() + "'s " + figure.label().toLowerCase() + ": " + wrong + ".",
                List.of(figure.key())));

        assertThat(check(facts, text)).containsExactly(
                "paragraph 1 says \"" + wrong.replaceAll("^[A-Z]{3} ", "") + "\", which is not what the figures it cites say",
                "paragraph 1 cites " + figure.key() + " but does not state it (" + figure.shown() + ")");
    }

    @Test
    void a_true_number_cited_to_the_wrong_figure_is_rejected() {
        NarrationFacts facts = facts(0);
        NarrationFacts.Figure counted = facts.figures().stream().filter(f -> "count".equals(f.unit())).findFirst().orElseThrow();
        NarrationFacts.Figure other = facts.figures().stream()
                .filter(f -> !f.key().equals(counted.key()) && f.value().compareTo(counted.value()) != 0).findFirst().orElseThrow();

        List<String> violations = check(facts, List.of(new Paragraph("Counted: " + counted.shown() + ".", List.of(other.key()))));

        assertThat(violations).anyMatch(v -> v.contains("not what the figures it cites say"));
    }

    @Test
    void an_invented_name_another_colleague_and_an_unknown_id_are_each_rejected() {
        NarrationFacts facts = facts(2);
        String key = facts.figures().get(0).key();
        String shown = facts.figures().get(0).shown();
        String other = VariedWeeks.otherPeople(2).get(0);

        assertThat(check(facts, List.of(new Paragraph(facts.firstName() + " closed the Wayne Enterprises renewal.", List.of()))))
                .anyMatch(v -> v.contains("\"Wayne\"")).anyMatch(v -> v.contains("\"Enterprises\""));
        assertThat(check(facts, List.of(new Paragraph(other + " reached " + shown + ".", List.of(key)))))
                .anyMatch(v -> v.contains("\"" + other + "\""));
        assertThat(check(facts, List.of(new Paragraph("Steady week.", List.of("006A0000000999ZZZ")))))
                .singleElement().asString().contains("'006A0000000999ZZZ'", "not a figure key or evidence id");
    }

    @Test
    void a_colleague_whose_name_is_an_english_word_is_caught_even_opening_a_sentence() {
        NarrationFacts facts = facts(2);
        GroundingCheck check = new GroundingCheck(facts, java.util.Set.of("Will", "Lena", "Fischer"));

        assertThat(check.violations(List.of(new Paragraph("Steady week. Will helped with the deals.", List.of())), MAX))
                .containsExactly("paragraph 1 names Will, who is not the subject of this recap");
        assertThat(check.violations(List.of(new Paragraph("Steady week; it will go on.", List.of())), MAX)).isEmpty();
    }

    @Test
    void a_paragraph_must_state_the_figures_it_cites() {
        NarrationFacts facts = facts(0);
        NarrationFacts.Figure a = facts.figures().get(0);
        NarrationFacts.Figure b = facts.figures().stream().filter(f -> f.value().compareTo(a.value()) != 0).findFirst().orElseThrow();

        // "2 meetings and 2 contacts" where contacts were 4: each number is a cited figure, but 4 is nowhere.
        assertThat(check(facts, List.of(new Paragraph("It came to " + a.shown() + " and " + a.shown() + ".", List.of(a.key(), b.key())))))
                .containsExactly("paragraph 1 cites " + b.key() + " but does not state it (" + b.shown() + ")");
    }

    @Test
    void only_the_recaps_own_record_links_are_allowed() {
        NarrationFacts facts = facts(0);
        String ours = facts.links().iterator().next();

        assertThat(check(facts, List.of(new Paragraph("Details are at " + ours + ".", List.of())))).isEmpty();
        assertThat(check(facts, List.of(new Paragraph("Details: https://evil.example/x?d=1.", List.of()))))
                .singleElement().asString().contains("https://evil.example/x?d=1", "not one of this recap's record links");
    }

    @Test
    void figures_without_a_citation_other_dates_an_empty_or_too_long_text_are_rejected() {
        NarrationFacts facts = facts(0);
        String shown = facts.figures().get(0).shown();

        assertThat(check(facts, List.of(new Paragraph("It came to " + shown + ".", List.of()))))
                .anyMatch(v -> v.contains("without citing"));
        assertThat(check(facts, List.of(new Paragraph("Compared with 2025-12-01 it was calm.", List.of()))))
                .anyMatch(v -> v.contains("2025-12-01"));
        assertThat(check(facts, List.of(new Paragraph(" ", List.of())))).containsExactly("the text is empty");
        assertThat(new GroundingCheck(facts).violations(List.of(new Paragraph("x".repeat(101), List.of())), 100))
                .anyMatch(v -> v.contains("101 characters; at most 100"));
    }

    @Test
    void durations_hold_to_the_unit_they_are_written_in() {
        NarrationFacts facts = facts(0);
        NarrationFacts.Figure duration = facts.figures().stream().filter(f -> f.unit().endsWith("seconds")).findFirst().orElseThrow();
        long seconds = duration.value().longValueExact();
        long minutes = seconds / 60;
        List<String> ok = new ArrayList<>();
        ok.add(minutes + " min");
        ok.add(Math.round(seconds / 60.0) + " minutes");
        for (String written : ok) {
            assertThat(check(facts, List.of(new Paragraph("It took " + written + ".", List.of(duration.key()))))).as(written).isEmpty();
        }
        assertThat(check(facts, List.of(new Paragraph("It took " + (minutes + 2) + " min.", List.of(duration.key()))))).isNotEmpty();
        assertThat(check(facts, List.of(new Paragraph("It took " + Math.max(0, minutes - 2) + " min.", List.of(duration.key()))))).isNotEmpty();
    }
}
