package io.gristmill.front.summary;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a model's summary of a conversation may not contain, checked before anything is stored:
 * a run of {@value #COPIED_RUN} or more consecutive words of the conversation, an e-mail address, a
 * phone number, a long digit string (order, account or card numbers), a name (a word the
 * conversation writes only with a capital, inside a sentence), or more than {@value #MAX_CHARS} characters. Words are
 * compared case- and accent-insensitively, ignoring punctuation, so a copied sentence does not pass
 * by changing its commas.
 */
public final class LeakCheck {
    public static final int MAX_CHARS = 240;
    static final int COPIED_RUN = 6;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)?");
    /** An address, also written around a filter: "name (at) host (dot) com". */
    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]+\\s*(?:@|\\(at\\)|\\[at\\])\\s*[\\p{L}\\p{N}-]+"
            + "(?:\\s*(?:\\.|\\(dot\\)|\\[dot\\])\\s*[\\p{L}\\p{N}-]+)+", Pattern.CASE_INSENSITIVE);
    /** Seven or more digits, possibly split by spaces, dots, dashes, slashes or brackets, possibly after a +. */
    private static final Pattern PHONE = Pattern.compile("\\+?\\(?\\d(?:[\\s().\\-/]{0,3}\\d){6,}");
    /** Five or more digits in a row, or grouped (1234-5678), or mixed with letters as in an order number (AB12345, INV-00931). */
    private static final Pattern DIGITS = Pattern.compile("\\d{5,}|\\d{3,}[-\\s/]\\d{3,}|\\b[\\p{L}]{1,5}[-#]?\\d{4,}\\b");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?:;\\n]\\s*$");

    private LeakCheck() {
    }

    /** Why {@code summary} may not be stored, or empty when it may. */
    public static Optional<String> problem(String summary, String source) {
        if (summary == null || summary.isBlank()) {
            return Optional.of("empty");
        }
        if (summary.length() > MAX_CHARS) {
            return Optional.of("too_long");
        }
        if (EMAIL.matcher(summary).find()) {
            return Optional.of("email");
        }
        if (PHONE.matcher(summary).find()) {
            return Optional.of("phone");
        }
        if (DIGITS.matcher(summary).find()) {
            return Optional.of("digits");
        }
        if (copiesWords(summary, source)) {
            return Optional.of("copied_words");
        }
        if (usesSourceName(summary, source)) {
            return Optional.of("name");
        }
        return Optional.empty();
    }

    private static boolean copiesWords(String summary, String source) {
        List<String> said = words(summary);
        if (said.size() < COPIED_RUN) {
            return false;
        }
        Set<String> runs = new HashSet<>();
        List<String> read = words(source);
        for (int i = 0; i + COPIED_RUN <= read.size(); i++) {
            runs.add(String.join(" ", read.subList(i, i + COPIED_RUN)));
        }
        for (int i = 0; i + COPIED_RUN <= said.size(); i++) {
            if (runs.contains(String.join(" ", said.subList(i, i + COPIED_RUN)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A word the conversation capitalizes inside a sentence (a name: of a person, a company, a
     * product) and never writes in lower case, appearing in the summary.
     */
    private static boolean usesSourceName(String summary, String source) {
        Set<String> lowerInSource = new HashSet<>();
        Set<String> names = new HashSet<>();
        // Addresses write names in lower case (jana.k@brightwater.example): they do not make "Brightwater" a common word.
        String text = EMAIL.matcher(source).replaceAll(" ");
        Matcher word = WORD.matcher(text);
        while (word.find()) {
            String w = word.group();
            if (Character.isLowerCase(w.codePointAt(0))) {
                lowerInSource.add(fold(w));
            } else if (Character.isUpperCase(w.codePointAt(0)) && w.length() > 1 && !acronym(w) && !startsSentence(text, word.start())) {
                names.add(fold(w));
            }
        }
        names.removeAll(lowerInSource);
        return words(summary).stream().anyMatch(names::contains);
    }

    /** VPN, API, PDF: short all-capital words name things, not people. */
    private static boolean acronym(String word) {
        return word.length() <= 4 && word.equals(word.toUpperCase(Locale.ROOT));
    }

    private static boolean startsSentence(String text, int at) {
        String before = text.substring(0, at);
        return before.isBlank() || SENTENCE_END.matcher(before).find();
    }

    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text == null ? "" : text);
        while (m.find()) {
            words.add(fold(m.group()));
        }
        return words;
    }

    private static String fold(String word) {
        return Normalizer.normalize(word, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replace('’', '\'');
    }
}
