package io.gristmill.recap;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;

import io.quarkus.qute.TemplateData;
import io.gristmill.recap.RecapContent.Item;
import io.gristmill.recap.RecapContent.Metric;
import io.gristmill.recap.RecapContent.Section;

/** A recap prepared for the Markdown, HTML and narrative templates: values already written out for people. */
@TemplateData
public record RecapView(Recap recap, List<ShownSection> sections, List<ShownHighlight> highlights, String perDayChart, String pipelineChart) {

    @TemplateData
    public record ShownSection(String title, List<ShownMetric> metrics, List<ShownItem> items) {
    }

    @TemplateData
    public record ShownMetric(String id, String label, String value) {
    }

    /**
     * A line as people read it: {@code label} (linked when there is a link), {@code separator},
     * {@code detail}, then the value in brackets: "Acme renewal — Prospecting → Qualification (EUR
     * 90,000)", "VIP tag: 3 conversations", "Connected: 4 calls", "and 2 more".
     */
    @TemplateData
    public record ShownItem(String label, String separator, String detail, String value, String link) {
    }

    @TemplateData
    public record ShownHighlight(String title, String detail, String link) {
    }

    static RecapView of(Recap recap) {
        List<ShownSection> sections = recap.content().sections().stream().map(RecapView::shown).toList();
        List<ShownHighlight> highlights = recap.content().highlights().stream()
                .map(h -> new ShownHighlight(h.title(), h.detail(), h.link())).toList();
        return new RecapView(recap, sections, highlights,
                SvgCharts.activityPerDay(recap.content().activityPerDay()), SvgCharts.pipeline(recap.content().pipeline()));
    }

    /** The written-out value of a metric ("USD 48,000 and EUR 9,000" for amounts in two currencies), or empty text. */
    public String value(String metricId) {
        return String.join(" and ", recap.content().sections().stream().flatMap(s -> s.metrics().stream())
                .filter(m -> m.id().equals(metricId)).map(RecapView::display).toList());
    }

    public boolean has(String metricId) {
        return recap.content().metric(metricId).isPresent();
    }

    /** "1 deal", "3 deals". */
    public String count(String metricId, String one, String many) {
        return recap.content().metric(metricId)
                .map(m -> display(m) + " " + (m.value().compareTo(BigDecimal.ONE) == 0 ? one : many)).orElse("");
    }

    public String status() {
        return recap.status().id();
    }

    public int version() {
        return recap.version();
    }

    public String timeZone() {
        return recap.timeZone();
    }

    public String narrative() {
        return recap.narrative();
    }

    /** The employee's own note on this version, if any. */
    public String note() {
        return recap.context() == null ? null : recap.context().note();
    }

    /** A paragraph of the narrative and the figures and records it rests on. */
    @TemplateData
    public record ShownParagraph(String text, List<Source> sources) {
    }

    /** @param href {@code #m-<key>} for a figure on this page, or the record's own link */
    @TemplateData
    public record Source(String label, String href) {
    }

    /** The narrative's paragraphs (a model writes several, each citing its figures; the template one). */
    public List<ShownParagraph> paragraphs() {
        if (recap.narrative() == null) {
            return List.of();
        }
        List<String> texts = java.util.Arrays.stream(recap.narrative().split("\\n\\s*\\n")).map(String::strip).filter(p -> !p.isEmpty())
                .toList();
        List<List<String>> citations = recap.narrator() == null || recap.narrator().citations() == null ? List.of()
                : recap.narrator().citations();
        List<ShownParagraph> shown = new java.util.ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            shown.add(new ShownParagraph(texts.get(i), i < citations.size() && citations.size() == texts.size() ? sources(citations.get(i))
                    : List.of()));
        }
        return shown;
    }

    private List<Source> sources(List<String> cites) {
        java.util.Map<String, RecapContent.Metric> metrics = new java.util.HashMap<>();
        recap.content().sections().forEach(s -> s.metrics().forEach(m -> metrics.put(m.key(), m)));
        java.util.Map<String, RecapContent.Evidence> evidence = recap.content().evidence() == null ? java.util.Map.of()
                : recap.content().evidence();
        List<Source> sources = new java.util.ArrayList<>();
        for (String cite : new java.util.LinkedHashSet<>(cites)) {
            RecapContent.Metric metric = metrics.get(cite);
            if (metric != null) {
                sources.add(new Source(metric.label() + (metric.currency() == null ? "" : " (" + metric.currency() + ")"), "#m-" + cite));
            } else if (evidence.containsKey(cite) && evidence.get(cite).link() != null) {
                sources.add(new Source("record", evidence.get(cite).link()));
            }
        }
        return sources;
    }

    /** Who wrote the narrative, in words: shown under it, so a reader knows what was checked. */
    public String writtenBy() {
        Narrator narrator = recap.narrator();
        if (narrator == null || !narrator.byModel()) {
            return narrator != null && narrator.rejection() != null
                    ? "Written from the figures by Gristmill's template; the model's text was not used: "
                            + narrator.rejection().split(":", 2)[0].replace('_', ' ') + "."
                    : "Written from the figures by Gristmill's template.";
        }
        return "Written by " + narrator.modelId() + " from the figures below; every number and name in it was checked against them.";
    }

    public String instructions() {
        return recap.instructions();
    }

    public String week() {
        return recap.week();
    }

    public String name() {
        return recap.employeeName() == null ? recap.employeeId() : recap.employeeName();
    }

    public boolean empty() {
        return recap.content().activityCount() == 0;
    }

    public String period() {
        java.time.ZoneId zone = java.time.ZoneId.of(recap.timeZone());
        return recap.from().atZone(zone).toLocalDate() + " – " + recap.to().minusSeconds(1).atZone(zone).toLocalDate();
    }

    public String firstName() {
        String name = recap.employeeName() == null ? recap.employeeId() : recap.employeeName();
        return name.split("\\s+")[0];
    }

    private static ShownSection shown(Section section) {
        return new ShownSection(section.title(),
                section.metrics().stream().map(m -> new ShownMetric(m.key(), m.label(), display(m))).toList(),
                section.items().stream().map(RecapView::shown).toList());
    }

    private static ShownItem shown(Item item) {
        String count = item.value() == null ? "" : item.value().stripTrailingZeros().toPlainString();
        boolean one = item.value() != null && item.value().compareTo(BigDecimal.ONE) == 0;
        return switch (String.valueOf(item.detail())) {
            case "tag" -> new ShownItem(item.label() + " tag", ": ", count + (one ? " conversation" : " conversations"), "", item.link());
            case "outcome" -> new ShownItem(item.label(), ": ", count + (one ? " call" : " calls"), "", item.link());
            case "more" -> new ShownItem(item.label(), "", "", "", item.link());
            default -> new ShownItem(item.label(), item.detail() == null ? "" : " — ", item.detail() == null ? "" : item.detail(),
                    item.value() == null ? "" : display(item.value(), item.unit() == null ? "count" : item.unit(), item.currency()), item.link());
        };
    }

    public static String display(Metric metric) {
        return display(metric.value(), metric.unit(), metric.currency());
    }

    public static String display(BigDecimal value, String unit, String currency) {
        return switch (unit) {
            case "amount" -> Amounts.format(value, currency);
            case "seconds", "median_seconds" -> Durations.human(Duration.ofSeconds(value.longValue()));
            case "ratio" -> value.multiply(BigDecimal.valueOf(100)).setScale(0, RoundingMode.HALF_UP).toPlainString() + " %";
            default -> value.stripTrailingZeros().toPlainString();
        };
    }
}
