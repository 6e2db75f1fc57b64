package io.gristmill.recap.narration;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds a written narrative against the facts it was given, before anyone sees it. Every number
 * must be what the paragraph's own citations say, in a form recaps use ({@code 240,000},
 * {@code 240k}, {@code 1.2M}, {@code 2 h 9 min}, {@code 38 %}, number words up to twenty), and a
 * cited figure must be stated; every cited key must exist; every capitalised word must be one of
 * the facts' names (ordinary English words opening a sentence, and a few tool and calendar words,
 * aside) and never a colleague's name; every link must be one of the recap's record links; and the
 * text must keep to its length. Pure and fast: it runs on every model answer.
 */
public final class GroundingCheck {
    /** One paragraph as the model writes it, with the figure keys and evidence ids it rests on. */
    public record Paragraph(String text, List<String> cites) {
        public Paragraph {
            text = text == null ? "" : text;
            cites = cites == null ? List.of() : List.copyOf(cites);
        }
    }

    private static final Pattern LINK = Pattern.compile("https?://[^\\s)\\]>\"']+");
    private static final Pattern ISO_DATE = Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}\\b|\\b\\d{4}-W\\d{2}\\b");
    private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?;:])\\s+|\\n+|\\s+[—–-]\\s+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}\\p{N}'’&-]*");
    /** Ordinary capitalised words a narrative may use mid-sentence: tools, days, months, time words. */
    private static final Set<String> ORDINARY = Set.of("Salesforce", "Front", "Gristmill", "I", "Monday", "Tuesday", "Wednesday",
            "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December", "CRM", "OK");

    private final NarrationFacts facts;
    private final List<String> names;
    private final Set<String> links;
    /** What each citable key vouches for: a figure's value, a line's value, the figures a highlight states. */
    private final Map<String, Allowed> byCite = new java.util.HashMap<>();
    /** Figure keys: a paragraph that cites one must state it. */
    private final Map<String, NarrationFacts.Figure> figures = new java.util.HashMap<>();
    /** What any paragraph may say without a citation: the week's number and year, the number of activities. */
    private final Allowed free = new Allowed();
    private final Set<String> currencies = new java.util.HashSet<>();

    /** Values one citation vouches for, by how a text writes them. */
    private static final class Allowed {
        final List<BigDecimal> plain = new ArrayList<>();
        final List<BigDecimal> seconds = new ArrayList<>();
        final List<BigDecimal> percents = new ArrayList<>();

        void add(BigDecimal value, String unit) {
            if (value == null) {
                return;
            }
            switch (unit == null ? "count" : unit) {
                case "seconds", "median_seconds" -> seconds.add(value);
                case "ratio" -> {
                    percents.add(value.movePointRight(2));
                    plain.add(value);
                }
                default -> plain.add(value);
            }
        }

        void add(Mention mention) {
            if (mention.seconds() != null) {
                seconds.add(mention.seconds());
            } else if (mention.percent()) {
                percents.add(mention.value());
            } else {
                plain.add(mention.value());
            }
        }

        boolean grounds(Mention mention) {
            if (mention.seconds() != null) {
                // Recaps cut durations down to their last unit ("5 min" is 300 to 359 s); a writer may round instead.
                BigDecimal unit = BigDecimal.valueOf(mention.granularity());
                BigDecimal half = unit.divide(BigDecimal.TWO);
                return seconds.stream().map(s -> mention.seconds().subtract(s))
                        .anyMatch(over -> over.compareTo(unit.negate()) > 0 && over.compareTo(half) <= 0);
            }
            List<BigDecimal> candidates = mention.percent() ? percents : plain;
            return candidates.stream().anyMatch(v -> v.subtract(mention.value()).abs().compareTo(mention.tolerance()) <= 0);
        }
    }

    /** Names that must never appear (other people of the company), unless the facts name them too. */
    private final Set<String> forbidden;

    public GroundingCheck(NarrationFacts facts) {
        this(facts, Set.of());
    }

    /**
     * @param forbidden words the text must never use as written, wherever they stand: the first and
     *                  last names of the company's other employees (a colleague called Will or Mark
     *                  opening a sentence would otherwise pass as an English word)
     */
    public GroundingCheck(NarrationFacts facts, Set<String> forbidden) {
        this.facts = facts;
        this.forbidden = forbidden.stream().filter(n -> n != null && n.length() > 1 && !facts.names().contains(n))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.names = facts.names().stream().filter(n -> n != null && !n.isBlank()).sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        this.links = facts.links();
        free.add(BigDecimal.valueOf(facts.activityCount()), "count");
        Matcher week = Pattern.compile("(\\d{4})-W(\\d{2})").matcher(facts.week());
        if (week.matches()) {
            free.add(new BigDecimal(week.group(1)), "count");
            free.add(new BigDecimal(week.group(2)), "count");
        }
        for (NarrationFacts.Figure f : facts.figures()) {
            figures.put(f.key(), f);
            byCite.computeIfAbsent(f.key(), k -> new Allowed()).add(f.value(), f.unit());
            if (f.currency() != null) {
                currencies.add(f.currency());
            }
        }
        for (NarrationFacts.Line l : facts.lines()) {
            for (String id : l.evidence()) {
                byCite.computeIfAbsent(id, k -> new Allowed()).add(l.value(), l.unit());
            }
            if (l.currency() != null) {
                currencies.add(l.currency());
            }
        }
        // Highlights carry their figures in words ("Resolved a conversation in 30 min", "USD 30,000").
        for (NarrationFacts.Line h : facts.highlights()) {
            List<Mention> stated = Mention.in(h.text());
            for (String id : h.evidence()) {
                Allowed allowed = byCite.computeIfAbsent(id, k -> new Allowed());
                stated.forEach(allowed::add);
            }
            if (h.shown() != null && h.shown().matches("[A-Z]{3} .*")) {
                currencies.add(h.shown().substring(0, 3));
            }
        }
    }

    /** What is wrong with the text, in words the model can act on; empty when it holds. */
    public List<String> violations(List<Paragraph> paragraphs, int maxChars) {
        List<String> violations = new ArrayList<>();
        if (paragraphs.isEmpty() || paragraphs.stream().allMatch(p -> p.text().isBlank())) {
            violations.add("the text is empty");
            return violations;
        }
        int length = paragraphs.stream().mapToInt(p -> p.text().length()).sum();
        if (length > maxChars) {
            violations.add("the text has " + length + " characters; at most " + maxChars + " are allowed");
        }
        for (int i = 0; i < paragraphs.size(); i++) {
            check(paragraphs.get(i), "paragraph " + (i + 1), violations);
        }
        return violations;
    }

    private void check(Paragraph paragraph, String where, List<String> violations) {
        List<Allowed> vouched = vouchedBy(paragraph, where, violations);
        String text = withoutLinksNamesAndDates(paragraph.text(), where, violations);
        checkFigures(paragraph, Mention.in(text), vouched, where, violations);
        checkPeople(text, where, violations);
    }

    /** What the paragraph's cites vouch for (the free numbers always). */
    private List<Allowed> vouchedBy(Paragraph paragraph, String where, List<String> violations) {
        List<Allowed> vouched = new ArrayList<>();
        vouched.add(free);
        for (String cite : paragraph.cites()) {
            Allowed allowed = byCite.get(cite);
            if (allowed == null) {
                violations.add(where + " cites '" + cite + "', which is not a figure key or evidence id of this recap");
            } else {
                vouched.add(allowed);
            }
        }
        return vouched;
    }

    /** The text without its links (each one of the recap's), known names and the recap's week (other dates are violations). */
    private String withoutLinksNamesAndDates(String paragraphText, String where, List<String> violations) {
        Matcher link = LINK.matcher(paragraphText);
        while (link.find()) {
            String url = link.group().replaceAll("[.,;:!?]+$", "");
            if (!links.contains(url)) {
                violations.add(where + " links to " + url + ", which is not one of this recap's record links");
            }
        }
        String text = LINK.matcher(paragraphText).replaceAll(" ");
        for (String name : names) {
            text = text.replace(name, " \u2039known\u203A ");
        }
        text = text.replace(facts.week(), " ").replace(facts.periodStart(), " ").replace(facts.periodEnd(), " ");
        Matcher date = ISO_DATE.matcher(text);
        while (date.find()) {
            violations.add(where + " names the date " + date.group() + ", which is not the recap's week");
        }
        return ISO_DATE.matcher(text).replaceAll(" ");
    }

    private void checkFigures(Paragraph paragraph, List<Mention> mentions, List<Allowed> vouched, String where, List<String> violations) {
        boolean uncited = paragraph.cites().isEmpty() && mentions.stream().anyMatch(m -> !free.grounds(m));
        if (uncited) {
            violations.add(where + " states figures without citing the figure keys or evidence ids they come from");
        }
        for (Mention mention : mentions) {
            if (vouched.stream().noneMatch(a -> a.grounds(mention)) && !uncited) {
                violations.add(where + " says \"" + mention.text() + "\", which is not what the figures it cites say");
            }
        }
        // A paragraph states what it cites: a number changed into another figure of the same paragraph
        // ("2 meetings and 2 contacts" where contacts were 4) leaves the true one unstated.
        for (String cite : paragraph.cites()) {
            NarrationFacts.Figure figure = figures.get(cite);
            if (figure != null && figure.value() != null) {
                Allowed own = new Allowed();
                own.add(figure.value(), figure.unit());
                if (mentions.stream().noneMatch(own::grounds)) {
                    violations.add(where + " cites " + cite + " but does not state it (" + figure.shown() + ")");
                }
            }
        }
    }

    /** Only the recap's subject and the facts' names may be named. */
    private void checkPeople(String text, String where, List<String> violations) {
        Matcher word = WORD.matcher(text);
        while (word.find()) {
            String w = word.group().replaceFirst("['’]s$", "");
            if (forbidden.contains(w)) {
                violations.add(where + " names " + w + ", who is not the subject of this recap");
            }
        }
        for (String name : unknownNames(text)) {
            violations.add(where + " names \"" + name + "\", which is not in the recap's facts");
        }
    }

    /** Capitalised words that are no name of the facts, no ordinary word, no currency of the facts, nor an English word opening a sentence. */
    private List<String> unknownNames(String text) {
        List<String> unknown = new ArrayList<>();
        for (String sentence : SENTENCE.split(text)) {
            Matcher word = WORD.matcher(sentence);
            boolean first = true;
            while (word.find()) {
                String w = word.group();
                boolean opening = first;
                first = false;
                if (opening && EnglishWords.ordinary(w)) {
                    continue;
                }
                if (Character.isUpperCase(w.charAt(0)) && !ORDINARY.contains(w) && !currencies.contains(w)) {
                    unknown.add(w);
                }
            }
        }
        return unknown;
    }
}
