package io.gristmill.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.gristmill.recap.Inclusion;
import io.gristmill.recap.Recap;
import io.gristmill.recap.VariedWeeks;
import io.gristmill.recap.narration.FactComposer;
import io.gristmill.recap.narration.GroundingCheck;
import io.gristmill.recap.narration.Mistakes;
import io.gristmill.recap.narration.NarrationFacts;
import io.gristmill.recap.narration.NarratorPrompt;

/**
 * How good the grounding check is, measured: over 30 varied weeks (the fixture week with other
 * names, amounts, currencies, durations and a share of activity left out), correct narratives must
 * all pass (false rejects) and narratives with one wrong fact put in must be stopped (caught
 * ratio). Then what the narrator adds to a recap besides the model's own time: facts, prompt and
 * check on the 2,000-activity week.
 */
@Tag("bench")
class NarratorGroundingBench {
    private static final int WEEKS = 30;
    private static final int MAX_CHARS = 4000;

    @Test
    void grounding_check_catches_injected_mistakes_and_passes_correct_text() {
        Random random = new Random(20261130);
        int injected = 0;
        int caught = 0;
        int correct = 0;
        int falseRejects = 0;
        List<String> missed = new ArrayList<>();
        Mistakes.Kind[] plan = {Mistakes.Kind.CHANGED_NUMBER, Mistakes.Kind.CHANGED_NUMBER, Mistakes.Kind.CHANGED_NUMBER,
            Mistakes.Kind.SWAPPED_NAME, Mistakes.Kind.SWAPPED_NAME, Mistakes.Kind.UNKNOWN_ID, Mistakes.Kind.UNKNOWN_ID, Mistakes.Kind.FOREIGN_LINK};
        for (int seed = 0; seed < WEEKS; seed++) {
            NarrationFacts facts = NarrationFacts.of(VariedWeeks.recap(seed));
            // The company's other people are known to the narrator (the directory), never shown to the model.
            GroundingCheck check = new GroundingCheck(facts, Set.copyOf(VariedWeeks.otherPeople(seed)));
            List<String> foreign = new ArrayList<>(VariedWeeks.otherPeople(seed));
            foreign.addAll(VariedWeeks.foreignDeals());
            for (boolean brief : new boolean[] {false, true}) {
                FactComposer.Composed composed = FactComposer.compose(facts, brief);
                correct++;
                if (!check.violations(composed.paragraphs(), MAX_CHARS).isEmpty()) {
                    falseRejects++;
                }
                for (Mistakes.Kind kind : plan) {
                    var spoiled = Mistakes.inject(composed, facts, kind, random, foreign);
                    if (spoiled.isEmpty()) {
                        continue;
                    }
                    injected++;
                    if (check.violations(spoiled.get(), MAX_CHARS).isEmpty()) {
                        missed.add(kind + " in week " + seed + ": " + difference(composed.paragraphs(), spoiled.get()));
                    } else {
                        caught++;
                    }
                }
            }
        }
        missed.forEach(m -> System.out.println("MISSED " + m));
        System.out.printf("BENCH narrator.grounding.weeks %d%n", WEEKS);
        System.out.printf("BENCH narrator.grounding.injected %d%n", injected);
        System.out.printf("BENCH narrator.grounding.caught_ratio %.4f%n", caught / (double) injected);
        System.out.printf("BENCH narrator.grounding.correct_texts %d%n", correct);
        System.out.printf("BENCH narrator.grounding.false_rejects %d%n", falseRejects);
        assertThat(injected).isGreaterThanOrEqualTo(200);
    }

    private static String difference(List<GroundingCheck.Paragraph> before, List<GroundingCheck.Paragraph> after) {
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                return before.get(i) + " became " + after.get(i);
            }
        }
        return "(no difference)";
    }

    @Test
    void narrator_overhead_on_the_2000_activity_week() {
        Recap recap = VariedWeeks.recapOf(RecapBench.week("t-bench"), "Ada Lovelace", Set.of(Inclusion.SALESFORCE_CALLS, Inclusion.FRONT_CALLS));
        int warmup = 200;
        int measured = 1000;
        long[] nanos = new long[measured];
        int prompts = 0;
        for (int i = 0; i < warmup + measured; i++) {
            long start = System.nanoTime();
            NarrationFacts facts = NarrationFacts.of(recap);
            NarratorPrompt.Rendered prompt = NarratorPrompt.render(facts, MAX_CHARS, List.of());
            FactComposer.Composed answer = FactComposer.compose(facts, false);
            List<String> violations = new GroundingCheck(facts).violations(answer.paragraphs(), MAX_CHARS);
            long took = System.nanoTime() - start;
            prompts += prompt.message().length() > 0 && violations.isEmpty() ? 1 : 0;
            if (i >= warmup) {
                nanos[i - warmup] = took;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("BENCH recap.narrator.overhead_ms %.3f%n", nanos[(int) (measured * 0.95)] / 1e6);
        System.out.printf("BENCH recap.narrator.prompt_chars %d%n",
                NarratorPrompt.render(NarrationFacts.of(recap), MAX_CHARS, List.of()).message().length());
        assertThat(prompts).as("every composed answer on the big week passes").isEqualTo(warmup + measured);
    }
}
