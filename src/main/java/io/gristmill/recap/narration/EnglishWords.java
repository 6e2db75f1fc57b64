package io.gristmill.recap.narration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Ordinary English words (SCOWL's American English list, lower-case entries only; licence in
 * {@code narrator/english-words.COPYRIGHT}). A capitalised word that opens a sentence is an
 * ordinary word when its lower-case form is one of these; otherwise it is a name and must be in
 * the facts. Loaded once, on the first check.
 */
final class EnglishWords {
    private static final class Holder {
        static final Set<String> WORDS = load();
    }

    private EnglishWords() {
    }

    static boolean ordinary(String word) {
        String lower = word.toLowerCase(Locale.ROOT).replaceFirst("['’]s$", "");
        return Holder.WORDS.contains(lower);
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>(100_000);
        try (var in = EnglishWords.class.getResourceAsStream("/narrator/english-words.txt")) {
            if (in == null) {
                throw new IllegalStateException("narrator/english-words.txt is missing from the build");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                words.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }
}
