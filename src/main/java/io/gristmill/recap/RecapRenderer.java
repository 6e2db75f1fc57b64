package io.gristmill.recap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/** A recap as Markdown (for chat and e-mail) or as a small HTML page with SVG charts (for a phone). */
@ApplicationScoped
public class RecapRenderer {
    private final Template markdown;
    private final Template html;
    private final Template teamMarkdown;
    private final Template teamHtml;

    public RecapRenderer(@Location("recap/recap.md") Template markdown, @Location("recap/recap.html") Template html,
            @Location("recap/team.md") Template teamMarkdown, @Location("recap/team.html") Template teamHtml) {
        this.markdown = markdown;
        this.html = html;
        this.teamMarkdown = teamMarkdown;
        this.teamHtml = teamHtml;
    }

    public String markdown(TeamRecaps.TeamWeek week) {
        return teamMarkdown.data("view", TeamView.of(week)).render().replaceAll("\n{3,}", "\n\n");
    }

    public String html(TeamRecaps.TeamWeek week) {
        return teamHtml.data("view", TeamView.of(week)).render();
    }

    public String markdown(Recap recap) {
        return markdown.data("view", RecapView.of(recap)).render().replaceAll("\n{3,}", "\n\n");
    }

    public String html(Recap recap) {
        return html.data("view", RecapView.of(recap)).render();
    }
}
