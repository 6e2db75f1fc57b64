package io.gristmill.recap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/** The default narrator: the {@code recap/narrative.txt} Qute template, one sentence per measure that is there. */
@ApplicationScoped
@DefaultBean
public class TemplateNarrator implements RecapNarrator {
    private final Template narrative;

    public TemplateNarrator(@Location("recap/narrative.txt") Template narrative) {
        this.narrative = narrative;
    }

    @Override
    public String narrate(Recap recap) {
        // The template keeps one sentence per line for readability; the narrative is one paragraph.
        return narrative.data("view", RecapView.of(recap)).render().replaceAll("\\s+", " ").strip();
    }
}
