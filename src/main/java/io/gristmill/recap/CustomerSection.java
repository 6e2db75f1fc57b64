package io.gristmill.recap;

import static io.gristmill.recap.RecapCalculator.MAX_TAGS;
import static io.gristmill.recap.RecapCalculator.addIfPositive;
import static io.gristmill.recap.RecapCalculator.conversation;
import static io.gristmill.recap.RecapCalculator.count;
import static io.gristmill.recap.RecapCalculator.ids;
import static io.gristmill.recap.RecapCalculator.median;
import static io.gristmill.recap.RecapCalculator.ofKind;
import static io.gristmill.recap.RecapCalculator.within;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.gristmill.activity.Activity;
import io.gristmill.activity.Source;
import io.gristmill.front.ConversationMetrics;
import io.gristmill.recap.RecapCalculator.Input;
import io.gristmill.recap.RecapContent.Item;
import io.gristmill.recap.RecapContent.Metric;
import io.gristmill.recap.RecapContent.Section;

/** The customers section: Front conversations handled, resolved and answered, first response, reopens, top tags. */
final class CustomerSection {
    private CustomerSection() {
    }

    static Optional<Section> of(Input in, List<Activity> own, List<ConversationMetrics> resolvedByEmployee) {
        List<Activity> front = own.stream().filter(a -> a.source() == Source.FRONT && a.references().containsKey("conversationId")).toList();
        // A message arriving in someone's assigned conversation, or a call they missed, is not work they did.
        List<Activity> handled = front.stream().filter(RecapCalculator::handling).toList();
        if (handled.isEmpty()) {
            return Optional.empty();
        }
        List<Metric> metrics = new ArrayList<>();
        metrics.add(new Metric("conversationsHandled", "Conversations handled",
                BigDecimal.valueOf(handled.stream().map(RecapCalculator::conversation).distinct().count()), "count", ids(handled)));
        List<Activity> archives = ofKind(handled, ConversationMetrics.ARCHIVED);
        Map<String, Activity> lastArchiveByConversation = new LinkedHashMap<>();
        archives.forEach(a -> lastArchiveByConversation.put(conversation(a), a));
        addIfPositive(metrics, new Metric("conversationsResolved", "Conversations resolved",
                BigDecimal.valueOf(lastArchiveByConversation.size()), "count", ids(archives)));
        count(metrics, "repliesSent", "Replies sent", ofKind(handled, ConversationMetrics.SENT));

        List<ConversationMetrics> measured = handled.stream().map(RecapCalculator::conversation).distinct()
                .map(c -> ConversationMetrics.of(c, history(in, c, own)))
                .toList();
        List<ConversationMetrics> answered = measured.stream()
                .filter(m -> m.firstReply().filter(r -> in.employeeId().equals(r.employeeId().orElse(null)) && within(r, in)).isPresent())
                .toList();
        if (!answered.isEmpty()) {
            List<Long> seconds = answered.stream().map(m -> m.firstResponse().orElseThrow().toSeconds()).sorted().toList();
            metrics.add(new Metric("medianFirstResponseSeconds", "Median first response", BigDecimal.valueOf(median(seconds)),
                    "median_seconds", answered.stream().map(m -> m.firstReply().orElseThrow().id()).toList()));
        }
        measured.stream()
                .filter(m -> m.firstResolution().filter(r -> in.employeeId().equals(r.employeeId().orElse(null)) && within(r, in)).isPresent())
                .forEach(resolvedByEmployee::add);
        if (!archives.isEmpty()) {
            metrics.add(reopenRate(in, archives, own));
        }
        List<Item> items = new ArrayList<>(topTags(in, handled, own));
        items.addAll(problemsSolved(in, lastArchiveByConversation));
        return Optional.of(new Section(SectionId.CUSTOMERS, "Customers", metrics, items));
    }

    private static Metric reopenRate(Input in, List<Activity> archives, List<Activity> own) {
        // Each resolution counts: one that was reopened (by a person, a reply or a reminder)
        // before the conversation was resolved again, however often that happened in the week.
        List<Activity> reopens = new ArrayList<>();
        for (Activity archive : archives) {
            history(in, conversation(archive), own).stream()
                    .filter(a -> a.occurredAt().isAfter(archive.occurredAt())
                            || a.occurredAt().equals(archive.occurredAt()) && a.sourceFactId().compareTo(archive.sourceFactId()) > 0)
                    .filter(a -> a.kind().equals(ConversationMetrics.REOPENED) || a.kind().equals(ConversationMetrics.ARCHIVED))
                    .findFirst()
                    .filter(next -> next.kind().equals(ConversationMetrics.REOPENED))
                    .ifPresent(reopens::add);
        }
        return new Metric("reopenRate", "Reopened after resolving",
                BigDecimal.valueOf(reopens.size()).divide(BigDecimal.valueOf(archives.size()), 2, RoundingMode.HALF_UP),
                "ratio", ids(reopens));
    }

    /** Most approved summaries a recap lists. */
    private static final int MAX_PROBLEMS = 10;

    /**
     * The kinds of problems solved: the approved summary of each conversation resolved (its last
     * resolution of the week), linked to the conversation; none where summaries are not approved.
     */
    private static List<Item> problemsSolved(Input in, Map<String, Activity> lastArchiveByConversation) {
        return lastArchiveByConversation.values().stream()
                .filter(a -> a.metadata().containsKey(io.gristmill.activity.ActivityStore.SUMMARY))
                .limit(MAX_PROBLEMS)
                .map(a -> new Item(a.metadata().get(io.gristmill.activity.ActivityStore.SUMMARY), "problem solved", null, null,
                        in.links().to(Source.FRONT, conversation(a)), List.of(a.id())))
                .toList();
    }

    /** Tags on the conversations handled, as they stood at the end of the period, most common first. */
    private static List<Item> topTags(Input in, List<Activity> handled, List<Activity> own) {
        Map<String, List<String>> evidenceByTag = new TreeMap<>();
        Map<String, Set<String>> conversationsByTag = new TreeMap<>();
        for (String conversation : handled.stream().map(RecapCalculator::conversation).collect(Collectors.toCollection(LinkedHashSet::new))) {
            Map<String, Activity> current = new LinkedHashMap<>();
            history(in, conversation, own).stream()
                    .filter(a -> a.occurredAt().isBefore(in.to()))
                    .forEach(a -> {
                        String tag = a.metadata().get("tagName");
                        if (tag == null) {
                            return;
                        }
                        if (a.kind().equals("front.conversation.tagged")) {
                            current.put(tag, a);
                        } else if (a.kind().equals("front.conversation.untagged")) {
                            current.remove(tag);
                        }
                    });
            current.forEach((tag, tagging) -> {
                conversationsByTag.computeIfAbsent(tag, t -> new LinkedHashSet<>()).add(conversation);
                evidenceByTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(tagging.id());
            });
        }
        List<Map.Entry<String, Set<String>>> ranked = conversationsByTag.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Set<String>> e) -> e.getValue().size()).reversed()
                        .thenComparing(Map.Entry::getKey))
                .toList();
        List<Item> items = new ArrayList<>(ranked.stream().limit(MAX_TAGS)
                .map(e -> new Item(e.getKey(), "tag", BigDecimal.valueOf(e.getValue().size()), "count", null, evidenceByTag.get(e.getKey())))
                .toList());
        if (ranked.size() > MAX_TAGS) {
            List<String> rest = ranked.subList(MAX_TAGS, ranked.size()).stream().flatMap(e -> evidenceByTag.get(e.getKey()).stream()).toList();
            int more = ranked.size() - MAX_TAGS;
            items.add(new Item("and " + more + " more " + (more == 1 ? "tag" : "tags"), "more", BigDecimal.valueOf(more), "count", null, rest));
        }
        return items;
    }

    /** A conversation's stored activity, ordered; the employee's own activity when it was not looked up. */
    private static List<Activity> history(Input in, String conversation, List<Activity> own) {
        List<Activity> stored = in.conversations().get(conversation);
        List<Activity> source = stored != null ? stored : own.stream().filter(a -> conversation.equals(conversation(a))).toList();
        return source.stream().sorted(Comparator.comparing(Activity::occurredAt).thenComparing(Activity::sourceFactId)).toList();
    }
}
