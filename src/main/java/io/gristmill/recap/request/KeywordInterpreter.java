package io.gristmill.recap.request;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.gristmill.recap.Inclusion;
import io.gristmill.recap.Interpretation;
import io.gristmill.recap.SectionId;

/**
 * Reads a request in words without a model: each clause is matched against the known inclusions,
 * sections, lengths and tones by keywords; a clause that matches nothing is reported as not
 * understood and changes nothing. It can only ever produce known options, so a request cannot
 * reach beyond the caller's own recap, however it is phrased.
 */
public final class KeywordInterpreter {
    private static final Pattern CLAUSES = Pattern.compile("[.;,!?\\n]+|\\s+(?:and|but|then|also|plus)\\s+");
    private static final Pattern NEGATION = Pattern.compile("\\b(no|not|without|skip|drop|leave out|omit|exclude|remove|hide|don'?t)\\b");
    private static final Pattern ONLY = Pattern.compile("\\b(only|just|nothing but)\\b");
    private static final Pattern CALLS = Pattern.compile("\\b(calls?|call metrics|talk ?time|phone)\\b");
    private static final Pattern SALESFORCE = Pattern.compile("\\b(salesforce|crm|logged)\\b");
    private static final Pattern FRONT = Pattern.compile("\\bfront\\b");
    private static final Pattern SALES = Pattern.compile("\\b(sales|deals?|pipeline|opportunit(y|ies)|won|wins)\\b");
    private static final Pattern CUSTOMERS = Pattern.compile("\\b(customers?|support|conversations?|tickets?|inbox|replies)\\b");
    private static final Pattern HIGHLIGHTS = Pattern.compile("\\bhighlights?\\b");
    private static final Pattern SHORT = Pattern.compile("\\b(short(er)?|brief(er)?|concise|quick|one paragraph|tl;?dr|summary only)\\b");
    private static final Pattern DETAILED = Pattern.compile("\\b(detailed|longer|more detail|in depth|thorough)\\b");
    private static final Pattern TONE = Pattern.compile("\\b(neutral|formal|friendly|casual|upbeat|positive|professional)\\b");
    private static final Pattern FOCUS = Pattern.compile("\\b(?:focus on|stress|emphasi[sz]e|highlight|lead with|mention)\\s+(.{3,120})");
    /** Filler that carries no request: "this time", "please", "for this week". */
    private static final Pattern FILLER = Pattern.compile(
            "\\b(please|this time|this week|for me|thanks|thank you|my recap|the recap|recap|can you|could you|i'?d like)\\b");

    private KeywordInterpreter() {
    }

    public static Interpretation interpret(String words) {
        Reading reading = new Reading();
        for (String clause : CLAUSES.split(words)) {
            reading.clause(clause.strip());
        }
        return reading.interpretation();
    }

    /** What the clauses read so far ask for. */
    private static final class Reading {
        final Set<Inclusion> include = new LinkedHashSet<>();
        final Set<Inclusion> exclude = new LinkedHashSet<>();
        final Set<SectionId> only = EnumSet.noneOf(SectionId.class);
        final Set<SectionId> without = EnumSet.noneOf(SectionId.class);
        final List<String> notUnderstood = new ArrayList<>();
        String length;
        String tone;
        String focus;

        void clause(String original) {
            String c = original.toLowerCase(Locale.ROOT);
            if (c.isEmpty() || FILLER.matcher(c).replaceAll("").isBlank()) {
                return;
            }
            boolean understood;
            Matcher focusMatch = FOCUS.matcher(c);
            if (focusMatch.find() && !HIGHLIGHTS.matcher(focusMatch.group(1)).lookingAt()) {
                focus = original.substring(focusMatch.start(1)).strip();
                understood = true;
            } else {
                understood = callsAndSections(c, NEGATION.matcher(c).find());
            }
            understood |= lengthAndTone(c);
            if (!understood) {
                notUnderstood.add(original.length() > 120 ? original.substring(0, 117) + "..." : original);
            }
        }

        private boolean callsAndSections(String c, boolean negated) {
            boolean understood = false;
            if (CALLS.matcher(c).find()) {
                // A list, not Set.of: its order is the order interpretedAs shows, the same on every run.
                List<Inclusion> calls = SALESFORCE.matcher(c).find() ? List.of(Inclusion.SALESFORCE_CALLS)
                        : FRONT.matcher(c).find() ? List.of(Inclusion.FRONT_CALLS) : List.of(Inclusion.SALESFORCE_CALLS, Inclusion.FRONT_CALLS);
                (negated ? exclude : include).addAll(calls);
                understood = true;
            }
            Set<SectionId> named = EnumSet.noneOf(SectionId.class);
            if (SALES.matcher(c).find()) {
                named.add(SectionId.SALES);
            }
            if (CUSTOMERS.matcher(c).find()) {
                named.add(SectionId.CUSTOMERS);
            }
            if (HIGHLIGHTS.matcher(c).find()) {
                named.add(SectionId.HIGHLIGHTS);
            }
            if (named.isEmpty()) {
                return understood;
            }
            if (negated) {
                without.addAll(named);
                return true;
            }
            if (ONLY.matcher(c).find()) {
                only.addAll(named);
                return true;
            }
            return understood;
        }

        private boolean lengthAndTone(String c) {
            boolean understood = false;
            if (SHORT.matcher(c).find()) {
                length = "short";
                understood = true;
            } else if (DETAILED.matcher(c).find()) {
                length = "detailed";
                understood = true;
            }
            Matcher toneMatch = TONE.matcher(c);
            if (toneMatch.find()) {
                tone = switch (toneMatch.group(1)) {
                    case "casual", "friendly" -> "friendly";
                    case "positive", "upbeat" -> "upbeat";
                    case "professional", "formal" -> "formal";
                    default -> "neutral";
                };
                understood = true;
            }
            return understood;
        }

        Interpretation interpretation() {
            include.removeAll(exclude);
            List<SectionId> sections = new ArrayList<>();
            if (!only.isEmpty()) {
                sections.addAll(only);
                if (include.contains(Inclusion.SALESFORCE_CALLS) || include.contains(Inclusion.FRONT_CALLS)) {
                    sections.add(SectionId.CALLS);
                }
            } else if (!without.isEmpty()) {
                for (SectionId section : SectionId.values()) {
                    if (!without.contains(section)) {
                        sections.add(section);
                    }
                }
            }
            return new Interpretation(List.copyOf(include), List.copyOf(exclude), sections, length, tone, focus, notUnderstood, "keywords");
        }
    }
}
