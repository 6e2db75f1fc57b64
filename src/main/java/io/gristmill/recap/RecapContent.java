package io.gristmill.recap;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a recap says, computed from activity only. Every number names the activities behind it
 * ({@code evidence}), so a reader can check it (the API shows them with {@code ?include=evidence}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecapContent(
        List<Section> sections,
        List<Highlight> highlights,
        List<DayCount> activityPerDay,
        List<PipelineBar> pipeline,
        int activityCount,
        Map<String, Evidence> evidence) {

    public RecapContent {
        sections = orEmpty(sections);
        highlights = orEmpty(highlights);
        activityPerDay = orEmpty(activityPerDay);
        pipeline = orEmpty(pipeline);
    }

    public Optional<Section> section(SectionId id) {
        return sections.stream().filter(s -> s.id() == id).findFirst();
    }

    public Optional<Metric> metric(String id) {
        return sections.stream().flatMap(s -> s.metrics().stream()).filter(m -> m.id().equals(id)).findFirst();
    }

    /** The same content without the evidence (ids and the activity table). */
    public RecapContent withoutEvidence() {
        return new RecapContent(sections.stream().map(Section::withoutEvidence).toList(),
                highlights.stream().map(h -> new Highlight(h.kind(), h.title(), h.detail(), h.link(), null)).toList(),
                activityPerDay, pipeline, activityCount, null);
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Section(SectionId id, String title, List<Metric> metrics, List<Item> items) {
        /** Empty lists are left out of the stored JSON (NON_EMPTY), so they come back missing. */
        public Section {
            metrics = orEmpty(metrics);
            items = orEmpty(items);
        }

        Section withoutEvidence() {
            return new Section(id, title, metrics.stream().map(Metric::withoutEvidence).toList(),
                    items.stream().map(i -> new Item(i.label(), i.detail(), i.value(), i.unit(), i.link(), null, i.currency())).toList());
        }
    }

    /**
     * @param unit     {@code count}, {@code amount}, {@code seconds}, {@code ratio} (0..1) or
     *                 {@code median_seconds}; only count, amount and seconds add up across people
     * @param currency for amounts, the ISO code of their currency (one metric per currency: euros
     *                 are never added to dollars); absent when the source did not say
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Metric(String id, String label, BigDecimal value, String unit, List<String> evidence, String currency) {
        public Metric {
            value = plain(value);
        }

        public Metric(String id, String label, BigDecimal value, String unit, List<String> evidence) {
            this(id, label, value, unit, evidence, null);
        }

        public boolean additive() {
            return unit.equals("count") || unit.equals("amount") || unit.equals("seconds");
        }

        /** What may be added up with this metric across recaps: its id, and its currency if it has one. */
        public String key() {
            return currency == null ? id : id + "." + currency;
        }

        Metric withoutEvidence() {
            return new Metric(id, label, value, unit, null, currency);
        }

        Metric plus(Metric other) {
            return new Metric(id, label, value.add(other.value()), unit, null, currency);
        }
    }

    /**
     * A line under a section: a deal moved from one stage to another ({@code detail} "A → B"), a
     * call outcome ({@code detail} "outcome"), a tag ({@code detail} "tag"), or how many more lines
     * there are than shown ({@code detail} "more").
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String label, String detail, BigDecimal value, String unit, String link, List<String> evidence, String currency) {
        public Item {
            value = plain(value);
        }

        public Item(String label, String detail, BigDecimal value, String unit, String link, List<String> evidence) {
            this(label, detail, value, unit, link, evidence, null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Highlight(String kind, String title, String detail, String link, List<String> evidence) {
    }

    public record DayCount(LocalDate date, int count) {
    }

    /** @param currency of {@code amount}; with deals in several currencies, one bar per currency */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PipelineBar(String label, int deals, BigDecimal amount, String currency) {
        public PipelineBar {
            amount = plain(amount);
        }

        public PipelineBar(String label, int deals, BigDecimal amount) {
            this(label, deals, amount, null);
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** DynamoDB hands numbers back normalized (70000 as 7E+4): recaps show them as people write them. */
    static BigDecimal plain(BigDecimal value) {
        return value == null || value.scale() >= 0 ? value : value.setScale(0);
    }

    /**
     * One activity as the evidence table shows it: enough to find it at the source, and the
     * approved summary of a resolved conversation where there is one.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Evidence(String kind, String source, Instant occurredAt, String recordId, String link, String summary) {
    }
}
