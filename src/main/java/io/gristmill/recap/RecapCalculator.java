package io.gristmill.recap;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.gristmill.activity.Activity;
import io.gristmill.activity.Source;
import io.gristmill.front.ConversationMetrics;
import io.gristmill.recap.RecapContent.Evidence;
import io.gristmill.recap.RecapContent.Highlight;
import io.gristmill.recap.RecapContent.Item;
import io.gristmill.recap.RecapContent.Metric;
import io.gristmill.recap.RecapContent.Section;

/**
 * Turns one employee's activity over a period into recap content. Pure: everything it needs is
 * passed in, so the numbers can be checked by hand against a fixture.
 */
public final class RecapCalculator {
    static final int MAX_HIGHLIGHTS = 5;
    static final int MAX_STAGE_MOVES = 10;
    static final int MAX_TAGS = 5;

    private RecapCalculator() {
    }

    /**
     * @param activities    the employee's activity in the period (as read from their timeline)
     * @param conversations every stored activity of the Front conversations the employee worked on,
     *                      by conversation id: first response, resolution and reopens need the
     *                      customer's messages and other people's actions too
     * @param sections      the sections wanted; empty means all
     */
    public record Input(String employeeId, Instant from, Instant to, ZoneId zone, List<Activity> activities,
            Map<String, List<Activity>> conversations, Set<Inclusion> inclusions, Set<SectionId> sections, RecapLinks links) {
    }

    public static RecapContent calculate(Input in) {
        List<Activity> own = in.activities().stream()
                .filter(a -> a.employeeId().filter(in.employeeId()::equals).isPresent())
                .filter(a -> !a.occurredAt().isBefore(in.from()) && a.occurredAt().isBefore(in.to()))
                .sorted(Comparator.comparing(Activity::occurredAt).thenComparing(Activity::id))
                .toList();
        Predicate<SectionId> wanted = id -> in.sections().isEmpty() || in.sections().contains(id);
        List<Section> sections = new ArrayList<>();
        if (wanted.test(SectionId.SALES)) {
            sales(own, in.links()).ifPresent(sections::add);
        }
        List<ConversationMetrics> resolvedByEmployee = new ArrayList<>();
        if (wanted.test(SectionId.CUSTOMERS) || wanted.test(SectionId.HIGHLIGHTS)) {
            Optional<Section> customers = CustomerSection.of(in, own, resolvedByEmployee);
            if (wanted.test(SectionId.CUSTOMERS)) {
                customers.ifPresent(sections::add);
            }
        }
        if (wanted.test(SectionId.CALLS) && !in.inclusions().isEmpty()) {
            sections.add(calls(own, in.inclusions()));
        }
        List<Highlight> highlights = wanted.test(SectionId.HIGHLIGHTS) ? highlights(own, resolvedByEmployee, in.links()) : List.of();
        return new RecapContent(sections, highlights, RecapCharts.perDay(own, in.from(), in.to(), in.zone()), RecapCharts.pipeline(own), own.size(),
                evidence(sections, highlights, own, in.conversations(), in.links()));
    }

    // ---- Sales ---------------------------------------------------------------------------------

    private static Optional<Section> sales(List<Activity> own, RecapLinks links) {
        List<Activity> salesforce = own.stream().filter(a -> a.source() == Source.SALESFORCE).toList();
        List<Metric> metrics = new ArrayList<>();
        List<Activity> created = ofKind(salesforce, "opportunity.created");
        List<Activity> moves = ofKind(salesforce, "opportunity.stage_changed");
        List<Activity> won = ofKind(salesforce, "opportunity.won");
        List<Activity> lost = ofKind(salesforce, "opportunity.lost");
        count(metrics, "dealsCreated", "Deals created", created);
        amount(metrics, "pipelineAdded", "Pipeline added", created);
        addIfPositive(metrics, new Metric("dealsAdvanced", "Deals moved to a new stage",
                BigDecimal.valueOf(moves.stream().map(Activity::sourceRecordId).distinct().count()), "count", ids(moves)));
        count(metrics, "dealsWon", "Deals won", won);
        amount(metrics, "amountWon", "Amount won", won);
        count(metrics, "dealsLost", "Deals lost", lost);
        amount(metrics, "amountLost", "Amount lost", lost);
        count(metrics, "leadsConverted", "Leads converted", ofKind(salesforce, "lead.converted"));
        count(metrics, "meetingsHeld", "Meetings held", ofKind(salesforce, "event.meeting_held"));
        count(metrics, "tasksCompleted", "Tasks completed", ofKind(salesforce, "task.completed"));
        count(metrics, "emailsLogged", "E-mails logged", ofKind(salesforce, "task.email_logged"));
        List<Activity> engagements = salesforce.stream().filter(a -> person(a) != null).toList();
        addIfPositive(metrics, new Metric("contactsEngaged", "Contacts engaged",
                BigDecimal.valueOf(engagements.stream().map(RecapCalculator::person).distinct().count()), "count", ids(engagements)));
        count(metrics, "notesWritten", "Notes written", ofKind(salesforce, "note.added"));
        List<Activity> shownMoves = moves.stream()
                .sorted(Comparator.comparing((Activity a) -> amountOf(a).orElse(BigDecimal.ZERO)).reversed()
                        .thenComparing(Activity::occurredAt).thenComparing(Activity::id))
                .toList();
        List<Item> items = new ArrayList<>(shownMoves.stream().limit(MAX_STAGE_MOVES)
                .map(a -> new Item(dealName(a), move(a), amountOf(a).orElse(null), amountOf(a).isPresent() ? "amount" : null, links.to(a),
                        List.of(a.id()), currency(a)))
                .toList());
        more(items, shownMoves, MAX_STAGE_MOVES);
        return metrics.isEmpty() ? Optional.empty() : Optional.of(new Section(SectionId.SALES, "Sales", metrics, items));
    }

    /** "Prospecting → Qualification"; "moved to Qualification" when the stage before is not known (history older than the sync). */
    private static String move(Activity a) {
        String from = a.metadata().get("fromStage");
        return from == null ? "moved to " + a.metadata().get("toStage") : from + " → " + a.metadata().get("toStage");
    }

    /** A list cut at {@code shown} lines says how many more there are, with their evidence. */
    static void more(List<Item> items, List<Activity> all, int shown) {
        if (all.size() > shown) {
            List<Activity> rest = all.subList(shown, all.size());
            items.add(new Item("and " + rest.size() + " more", "more", BigDecimal.valueOf(rest.size()), "count", null, ids(rest)));
        }
    }

    /** The person (contact or lead) an engagement was with: a task's or event's who, a contact role's contact. */
    private static String person(Activity a) {
        return switch (a.kind()) {
            case "task.call_logged", "task.email_logged", "task.completed", "event.meeting_held" -> a.references().get("whoId");
            case "opportunity.contact_role_added" -> a.references().get("contactId");
            default -> null;
        };
    }

    // ---- Calls (on request) --------------------------------------------------------------------

    private static Section calls(List<Activity> own, Set<Inclusion> inclusions) {
        List<Metric> metrics = new ArrayList<>();
        List<Item> outcomes = new ArrayList<>();
        if (inclusions.contains(Inclusion.SALESFORCE_CALLS)) {
            List<Activity> calls = ofKind(own, "task.call_logged");
            metrics.add(new Metric("callsLogged", "Calls logged", BigDecimal.valueOf(calls.size()), "count", ids(calls)));
            metrics.add(new Metric("talkTimeSeconds", "Total talk time",
                    calls.stream().map(a -> a.measures().getOrDefault("durationSeconds", BigDecimal.ZERO)).reduce(BigDecimal.ZERO, BigDecimal::add),
                    "seconds", ids(calls)));
            calls.stream().collect(Collectors.groupingBy(a -> a.metadata().getOrDefault("disposition", "No outcome recorded"),
                    TreeMap::new, Collectors.toList()))
                    .forEach((outcome, group) -> outcomes.add(new Item(outcome, "outcome", BigDecimal.valueOf(group.size()), "count", null, ids(group))));
        }
        if (inclusions.contains(Inclusion.FRONT_CALLS)) {
            List<Activity> handled = ofKind(own, "front.call.handled");
            List<Activity> missed = ofKind(own, "front.call.missed");
            metrics.add(new Metric("frontCallsHandled", "Front calls handled", BigDecimal.valueOf(handled.size()), "count", ids(handled)));
            metrics.add(new Metric("frontCallsMissed", "Front calls missed", BigDecimal.valueOf(missed.size()), "count", ids(missed)));
            List<Activity> timed = handled.stream().filter(a -> a.measures().containsKey("durationSeconds")).toList();
            addIfPositive(metrics, new Metric("frontTalkTimeSeconds", "Front talk time",
                    timed.stream().map(a -> a.measures().get("durationSeconds")).reduce(BigDecimal.ZERO, BigDecimal::add), "seconds", ids(timed)));
        }
        return new Section(SectionId.CALLS, "Calls", metrics, outcomes);
    }

    // ---- Highlights ----------------------------------------------------------------------------

    private static List<Highlight> highlights(List<Activity> own, List<ConversationMetrics> resolved, RecapLinks links) {
        List<Highlight> highlights = new ArrayList<>();
        ofKind(own, "opportunity.won").stream().filter(a -> amountOf(a).isPresent())
                .max(Comparator.comparing((Activity a) -> amountOf(a).orElseThrow()))
                .ifPresent(a -> highlights.add(new Highlight("biggest_win", "Won " + dealName(a),
                        Amounts.format(amountOf(a).orElseThrow(), currency(a)), links.to(a), List.of(a.id()))));
        ofKind(own, "opportunity.stage_changed").stream().filter(a -> amountOf(a).isPresent())
                .max(Comparator.comparing((Activity a) -> amountOf(a).orElseThrow()))
                .ifPresent(a -> highlights.add(new Highlight("largest_deal_moved", dealName(a) + ": " + move(a),
                        Amounts.format(amountOf(a).orElseThrow(), currency(a)), links.to(a), List.of(a.id()))));
        resolved.stream().filter(m -> m.resolution().isPresent())
                .sorted(Comparator.comparing((ConversationMetrics m) -> m.resolution().orElseThrow()).thenComparing(ConversationMetrics::conversationId))
                .limit(3)
                .forEach(m -> highlights.add(new Highlight("fast_resolution", "Resolved a conversation in " + Durations.human(m.resolution().orElseThrow()),
                        null, links.to(Source.FRONT, m.conversationId()), List.of(m.firstResolution().orElseThrow().id()))));
        return highlights.stream().limit(MAX_HIGHLIGHTS).toList();
    }

    // ---- Evidence ------------------------------------------------------------------------------

    private static Map<String, Evidence> evidence(List<Section> sections, List<Highlight> highlights, List<Activity> own,
            Map<String, List<Activity>> conversations, RecapLinks links) {
        Map<String, Activity> byId = new java.util.HashMap<>();
        conversations.values().forEach(list -> list.forEach(a -> byId.put(a.id(), a)));
        own.forEach(a -> byId.put(a.id(), a));
        Set<String> referenced = new java.util.TreeSet<>();
        for (Section section : sections) {
            section.metrics().forEach(m -> referenced.addAll(m.evidence()));
            section.items().forEach(i -> referenced.addAll(i.evidence()));
        }
        highlights.forEach(h -> referenced.addAll(h.evidence()));
        Map<String, Evidence> evidence = new LinkedHashMap<>();
        referenced.stream().map(byId::get).filter(Objects::nonNull).forEach(a -> evidence.put(a.id(),
                new Evidence(a.kind(), a.source().id(), a.occurredAt(), a.sourceRecordId(), links.to(a),
                        a.metadata().get(io.gristmill.activity.ActivityStore.SUMMARY))));
        return evidence;
    }

    // ---- Helpers -------------------------------------------------------------------------------

    static boolean within(Activity a, Input in) {
        return !a.occurredAt().isBefore(in.from()) && a.occurredAt().isBefore(in.to());
    }

    /** Whether a Front activity is someone working on a conversation. */
    static boolean handling(Activity a) {
        return !a.kind().equals(ConversationMetrics.RECEIVED) && !a.kind().equals("front.call.missed");
    }

    static String conversation(Activity a) {
        return a.references().get("conversationId");
    }

    static List<Activity> ofKind(List<Activity> activities, String kind) {
        return activities.stream().filter(a -> a.kind().equals(kind)).toList();
    }

    static void count(List<Metric> metrics, String id, String label, List<Activity> activities) {
        addIfPositive(metrics, new Metric(id, label, BigDecimal.valueOf(activities.size()), "count", ids(activities)));
    }

    /** One metric per currency the amounts are in (the deal's currency, as Salesforce keeps it). */
    static void amount(List<Metric> metrics, String id, String label, List<Activity> activities) {
        Map<String, List<Activity>> byCurrency = activities.stream().filter(a -> amountOf(a).isPresent())
                .collect(Collectors.groupingBy(a -> Optional.ofNullable(currency(a)).orElse(""), TreeMap::new, Collectors.toList()));
        byCurrency.forEach((currency, priced) -> addIfPositive(metrics,
                new Metric(id, label, sum(priced), "amount", ids(priced), currency.isEmpty() ? null : currency)));
    }

    static String currency(Activity a) {
        return a == null ? null : a.references().get("currency");
    }

    /** Sections list what happened: a zero count is left out instead of shown. */
    static void addIfPositive(List<Metric> metrics, Metric metric) {
        if (metric.value().signum() > 0) {
            metrics.add(metric);
        }
    }

    static BigDecimal sum(List<Activity> activities) {
        return activities.stream().map(a -> amountOf(a).orElse(BigDecimal.ZERO)).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static Optional<BigDecimal> amountOf(Activity a) {
        return Optional.ofNullable(a.measures().get("amount"));
    }

    /** A deal's name; never its record id, which means nothing to a reader (the line links to the deal). */
    static String dealName(Activity a) {
        return a.references().getOrDefault("opportunityName", "A deal without a name");
    }

    static List<String> ids(List<Activity> activities) {
        return activities.stream().map(Activity::id).toList();
    }

    /** Median of sorted whole seconds; with an even count, the mean of the middle two, rounded down. */
    static long median(List<Long> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
