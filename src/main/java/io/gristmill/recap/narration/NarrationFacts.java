package io.gristmill.recap.narration;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.gristmill.recap.Recap;
import io.gristmill.recap.RecapContent;
import io.gristmill.recap.RecapView;

/**
 * Everything a model narrator is shown about one recap, and nothing else: the computed figures
 * (each with its key, label, value and how recaps write it), the listed lines, the highlights, the
 * evidence ids, the week, the employee's first name and the instructions of the request or
 * template. No activity, no message, no other employee. The same object is what the grounding
 * check holds the written text against.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NarrationFacts(
        String firstName,
        String week,
        String periodStart,
        String periodEnd,
        int activityCount,
        List<Figure> figures,
        List<Line> lines,
        List<Line> highlights,
        String instructions) {

    /** A computed figure: {@code key} is what a paragraph cites ({@code amountWon.USD}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Figure(String key, String label, BigDecimal value, String unit, String currency, String shown) {
    }

    /** A listed line or a highlight, with the evidence ids a paragraph may cite and the record link it may use. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(String text, BigDecimal value, String unit, String currency, String shown, List<String> evidence, String link,
            List<String> names) {
    }

    public static NarrationFacts of(Recap recap) {
        RecapContent content = recap.content();
        List<Figure> figures = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        for (RecapContent.Section section : content.sections()) {
            for (RecapContent.Metric m : section.metrics()) {
                figures.add(new Figure(m.key(), m.label(), m.value(), m.unit(), m.currency(), RecapView.display(m)));
            }
            for (RecapContent.Item item : section.items()) {
                String shown = item.value() == null ? null : RecapView.display(item.value(), item.unit() == null ? "count" : item.unit(), item.currency());
                lines.add(new Line(itemText(item), item.value(), item.unit(), item.currency(), shown, evidence(item.evidence()), item.link(),
                        itemNames(item)));
            }
        }
        List<Line> highlights = content.highlights().stream()
                .map(h -> new Line(h.title() + (h.detail() == null ? "" : " — " + h.detail()), null, null, null, h.detail(),
                        evidence(h.evidence()), h.link(), highlightNames(h)))
                .toList();
        ZoneId zone = ZoneId.of(recap.timeZone());
        String first = (recap.employeeName() == null ? recap.employeeId() : recap.employeeName()).split("\\s+")[0];
        return new NarrationFacts(first, recap.week(), recap.from().atZone(zone).toLocalDate().toString(),
                recap.to().minusSeconds(1).atZone(zone).toLocalDate().toString(), content.activityCount(), figures, lines, highlights,
                recap.instructions());
    }

    private static String itemText(RecapContent.Item item) {
        return switch (String.valueOf(item.detail())) {
            case "tag" -> item.label() + " tag";
            case "outcome" -> "call outcome " + item.label();
            case "more" -> item.label();
            default -> item.label() + (item.detail() == null ? "" : " — " + item.detail());
        };
    }

    /** Names a line brings: a deal's name, the stages of a move ("A → B"), a tag, an outcome. */
    private static List<String> itemNames(RecapContent.Item item) {
        List<String> names = new ArrayList<>();
        if (!"more".equals(item.detail())) {
            names.add(item.label());
        }
        if (item.detail() != null && item.detail().contains("→")) {
            for (String stage : item.detail().replace("moved to", "").split("→")) {
                if (!stage.isBlank()) {
                    names.add(stage.strip());
                }
            }
        }
        return names;
    }

    /** "Won Acme renewal" → the deal; "Acme renewal: Prospecting → Proposal" → the deal and both stages. */
    private static List<String> highlightNames(RecapContent.Highlight h) {
        List<String> names = new ArrayList<>();
        String title = h.title();
        if ("biggest_win".equals(h.kind()) && title.startsWith("Won ")) {
            names.add(title.substring(4));
        } else if ("largest_deal_moved".equals(h.kind()) && title.contains(": ")) {
            names.add(title.substring(0, title.lastIndexOf(": ")));
            for (String stage : title.substring(title.lastIndexOf(": ") + 2).replace("moved to", "").split("→")) {
                if (!stage.isBlank()) {
                    names.add(stage.strip());
                }
            }
        }
        return names;
    }

    private static List<String> evidence(List<String> ids) {
        return ids == null ? List.of() : List.copyOf(ids);
    }

    /** The same facts without the instructions: the prompt gives those apart, as words to follow, not as facts. */
    public NarrationFacts withoutInstructions() {
        return new NarrationFacts(firstName, week, periodStart, periodEnd, activityCount, figures, lines, highlights, null);
    }

    /** Every citable key: figure keys and evidence ids. */
    @JsonIgnore
    public Set<String> citable() {
        Set<String> keys = new LinkedHashSet<>();
        figures.forEach(f -> keys.add(f.key()));
        lines.forEach(l -> keys.addAll(l.evidence()));
        highlights.forEach(h -> keys.addAll(h.evidence()));
        return keys;
    }

    /** Every name the text may use: the employee's first name, deal names, stages, tags, outcomes, labels. */
    @JsonIgnore
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        names.add(firstName);
        lines.forEach(l -> names.addAll(l.names()));
        highlights.forEach(h -> names.addAll(h.names()));
        figures.forEach(f -> names.add(f.label()));
        return names;
    }

    /** Every link the text may carry: the record links of lines and highlights. */
    @JsonIgnore
    public Set<String> links() {
        Set<String> links = new LinkedHashSet<>();
        lines.stream().map(Line::link).filter(java.util.Objects::nonNull).forEach(links::add);
        highlights.stream().map(Line::link).filter(java.util.Objects::nonNull).forEach(links::add);
        return links;
    }
}
