package io.gristmill.recap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/** A recap as Markdown (for chat and e-mail) or as a small HTML page with SVG charts (for a phone). */
@ApplicationScoped
public class RecapRenderer {
    private final Template markdown;
    private final Template html;

    public RecapRenderer(@Location("recap/recap.md") Template markdown, @Location("recap/recap.html") Template html) {
        this.markdown = markdown;
        this.html = html;
    }

    public String markdown(Recap recap) {
        return markdown.data("view", RecapView.of(recap)).render().replaceAll("\n{3,}", "\n\n");
    }

    public String html(Recap recap) {
        return html.data("view", RecapView.of(recap)).render();
    }
}
