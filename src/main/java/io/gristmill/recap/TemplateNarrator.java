package io.gristmill.recap;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/** The default narrator: the {@code recap/narrative.txt} Qute template, one sentence per measure that is there. */
@ApplicationScoped
public class TemplateNarrator {
    private final Template narrative;

    public TemplateNarrator(@Location("recap/narrative.txt") Template narrative) {
        this.narrative = narrative;
    }

    /** Sentences a short version keeps: the template orders them by weight (wins, losses, moves, new deals first). */
    static final int SHORT_SENTENCES = 3;

    public String text(Recap recap) {
        // The template keeps one sentence per line for readability; the narrative is one paragraph.
        String rendered = narrative.data("view", RecapView.of(recap)).render();
        if (recap.asksShort()) {
            List<String> sentences = rendered.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            rendered = String.join(" ", sentences.subList(0, Math.min(SHORT_SENTENCES, sentences.size())));
        }
        return rendered.replaceAll("\\s+", " ").strip();
    }
}
