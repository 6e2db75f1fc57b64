package io.gristmill.recap.narration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.gristmill.recap.narration.GroundingCheck.Paragraph;

/**
 * Writes a narrative the way a careful model would, from {@link NarrationFacts} only: the figures
 * in short groups, the highlights, some of the records, each paragraph citing what it rests on.
 * It stands in for the model in the simulated Bedrock runtime and the grounding benchmark; what it
 * writes must pass the grounding check, and {@link Mistakes} spoils it one fact at a time.
 */
public final class FactComposer {
    /** A composed text and, per paragraph, the figures as written in it (what a changed number changes). */
    public record Composed(List<Paragraph> paragraphs, List<List<String>> stated) {
        public String text() {
            return String.join("\n\n", paragraphs.stream().map(Paragraph::text).toList());
        }
    }

    private FactComposer() {
    }

    public static Composed compose(NarrationFacts facts, boolean brief) {
        List<Paragraph> paragraphs = new ArrayList<>();
        List<List<String>> stated = new ArrayList<>();
        String first = facts.firstName();
        if (facts.figures().isEmpty() && facts.highlights().isEmpty()) {
            paragraphs.add(new Paragraph(first + " has no recorded activity this week.", List.of()));
            stated.add(List.of());
            return new Composed(paragraphs, stated);
        }
        List<NarrationFacts.Figure> figures = brief ? facts.figures().stream().limit(3).toList() : facts.figures();
        for (int start = 0; start < figures.size(); start += 3) {
            List<NarrationFacts.Figure> group = figures.subList(start, Math.min(figures.size(), start + 3));
            List<String> parts = group.stream().map(f -> lower(f.label()) + " " + f.shown()).toList();
            String opening = start == 0 ? first + "'s week in figures: " : "Also, ";
            paragraphs.add(new Paragraph(opening + joined(parts) + ".", group.stream().map(NarrationFacts.Figure::key).toList()));
            stated.add(group.stream().map(NarrationFacts.Figure::shown).toList());
        }
        if (brief) {
            return new Composed(paragraphs, stated);
        }
        if (!facts.highlights().isEmpty()) {
            List<NarrationFacts.Line> highlights = facts.highlights();
            paragraphs.add(new Paragraph("Among the highlights, " + joined(highlights.stream().map(h -> lower(h.text())).toList()) + ".",
                    highlights.stream().flatMap(h -> h.evidence().stream()).toList()));
            stated.add(highlights.stream().map(NarrationFacts.Line::shown).filter(java.util.Objects::nonNull).toList());
        }
        List<NarrationFacts.Line> lines = facts.lines().stream().filter(l -> !l.evidence().isEmpty()).limit(6).toList();
        if (!lines.isEmpty()) {
            paragraphs.add(new Paragraph("The records behind this include " + String.join("; ",
                    lines.stream().map(l -> l.text() + (l.shown() == null ? "" : " (" + l.shown() + ")")).toList()) + ".",
                    lines.stream().flatMap(l -> l.evidence().stream()).toList()));
            stated.add(lines.stream().map(NarrationFacts.Line::shown).filter(java.util.Objects::nonNull).toList());
        }
        return new Composed(paragraphs, stated);
    }

    private static String joined(List<String> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    /** "Deals won" → "deals won"; a name that opens a label ("Acme renewal") stays as it is. */
    private static String lower(String label) {
        if (label.length() > 1 && Character.isUpperCase(label.charAt(1))) {
            return label;
        }
        String firstWord = label.split("[\\s—]", 2)[0];
        boolean ordinary = firstWord.chars().allMatch(Character::isLetter) && List.of("Deals", "Deal", "Pipeline", "Meetings", "Contacts",
                "Leads", "Conversations", "Replies", "Median", "Calls", "Talk", "Reopened", "Won", "Lost", "Tagged", "Resolutions", "Front",
                "Salesforce", "Customer", "Customers", "New", "Notes", "Tasks", "Amount", "Amounts", "First", "Resolved", "Handled",
                "Phone", "Call").contains(firstWord);
        if (!ordinary || firstWord.equals("Front") || firstWord.equals("Salesforce")) {
            return label;
        }
        return label.substring(0, 1).toLowerCase(Locale.ROOT) + label.substring(1);
    }
}
