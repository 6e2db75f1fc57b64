package io.gristmill.recap.narration;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number as a narrative writes it: its value, and for durations its seconds and the unit it was
 * written to ({@code "2 h 9 min"} is one duration of 7,740 s, precise to the minute); {@code 240k}
 * and {@code 1.2M} carry the tolerance their rounding allows, {@code 38 %} is a percentage.
 */
record Mention(String text, BigDecimal value, BigDecimal seconds, long granularity, boolean percent, BigDecimal tolerance) {
    /** A number and what follows it: a unit of time, a percent sign, or a thousands/millions suffix. */
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\w.,])(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?(?:\\s*(%|percent\\b|k\\b|K\\b|M\\b|million\\b|thousand\\b"
                    + "|d\\b|days?\\b|h\\b|hrs?\\b|hours?\\b|min\\b|mins\\b|minutes?\\b|s\\b|secs?\\b|seconds?\\b))?");
    private static final Pattern WORD_NUMBER = Pattern.compile("(?i)\\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
            + "thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\\b");
    private static final List<String> WORDS = List.of("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty");
    private static final Map<String, Long> SECONDS = Map.ofEntries(Map.entry("d", 86_400L), Map.entry("day", 86_400L),
            Map.entry("days", 86_400L), Map.entry("h", 3_600L), Map.entry("hr", 3_600L), Map.entry("hrs", 3_600L), Map.entry("hour", 3_600L),
            Map.entry("hours", 3_600L), Map.entry("min", 60L), Map.entry("mins", 60L), Map.entry("minute", 60L), Map.entry("minutes", 60L),
            Map.entry("s", 1L), Map.entry("sec", 1L), Map.entry("secs", 1L), Map.entry("second", 1L), Map.entry("seconds", 1L));

    /** Every number in the text, in order of appearance (number words after the digits). */
    static List<Mention> in(String text) {
        List<Mention> mentions = new ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        Mention pending = null;
        int pendingEnd = -1;
        while (m.find()) {
            BigDecimal value = new BigDecimal(m.group(1).replace(",", "") + (m.group(2) == null ? "" : m.group(2)));
            String suffix = m.group(3) == null ? "" : m.group(3).toLowerCase(Locale.ROOT);
            Long unitSeconds = SECONDS.get(suffix);
            if (unitSeconds != null) {
                BigDecimal secs = value.multiply(BigDecimal.valueOf(unitSeconds));
                boolean continues = pending != null && pending.seconds() != null && text.substring(pendingEnd, m.start()).matches("\\s*(and\\s*)?");
                if (continues) {
                    // "2 h 9 min" is one duration.
                    pending = new Mention(pending.text() + text.substring(pendingEnd, m.end()), null, pending.seconds().add(secs), unitSeconds,
                            false, null);
                    mentions.set(mentions.size() - 1, pending);
                } else {
                    pending = new Mention(m.group(), null, secs, unitSeconds, false, null);
                    mentions.add(pending);
                }
                pendingEnd = m.end();
                continue;
            }
            pending = null;
            int decimals = m.group(2) == null ? 0 : m.group(2).length() - 1;
            switch (suffix) {
                case "%", "percent" -> mentions.add(new Mention(m.group(), value, null, 0, true, BigDecimal.valueOf(5, decimals + 1)));
                case "k", "thousand" -> mentions.add(new Mention(m.group(), value.movePointRight(3), null, 0, false,
                        BigDecimal.valueOf(5, decimals + 1).movePointRight(3)));
                case "m", "million" -> mentions.add(new Mention(m.group(), value.movePointRight(6), null, 0, false,
                        BigDecimal.valueOf(5, decimals + 1).movePointRight(6)));
                default -> mentions.add(new Mention(m.group(), value, null, 0, false, BigDecimal.ZERO));
            }
        }
        Matcher w = WORD_NUMBER.matcher(text);
        while (w.find()) {
            mentions.add(new Mention(w.group(), BigDecimal.valueOf(WORDS.indexOf(w.group(1).toLowerCase(Locale.ROOT)) + 2), null, 0, false,
                    BigDecimal.ZERO));
        }
        return mentions;
    }
}
