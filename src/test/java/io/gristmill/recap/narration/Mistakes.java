package io.gristmill.recap.narration;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.gristmill.recap.narration.GroundingCheck.Paragraph;

/**
 * One wrong fact put into an otherwise correct narrative, the way models get things wrong: a
 * number changed, a name swapped for one that is not in the week (another colleague, another
 * company's deal), an evidence id that does not exist, a link that is not ours.
 */
public final class Mistakes {
    public enum Kind {
        CHANGED_NUMBER, SWAPPED_NAME, UNKNOWN_ID, FOREIGN_LINK
    }

    private static final Pattern NUMBER = Pattern.compile("\\d{1,3}(?:,\\d{3})+|\\d+");

    private Mistakes() {
    }

    /** The narrative with one mistake of the kind, or empty when the text has nothing of that kind to spoil. */
    public static Optional<List<Paragraph>> inject(FactComposer.Composed composed, NarrationFacts facts, Kind kind, Random random,
            List<String> foreignNames) {
        List<Paragraph> paragraphs = new ArrayList<>(composed.paragraphs());
        return switch (kind) {
            case CHANGED_NUMBER -> changedNumber(composed, paragraphs, random);
            case SWAPPED_NAME -> swappedName(facts, paragraphs, random, foreignNames);
            case UNKNOWN_ID -> {
                int at = random.nextInt(paragraphs.size());
                Paragraph p = paragraphs.get(at);
                List<String> cites = new ArrayList<>(p.cites());
                String invented = random.nextBoolean() ? "006A00000000%05dZZZ".formatted(random.nextInt(100_000))
                        : "cnv_%d".formatted(900 + random.nextInt(100));
                if (!cites.isEmpty() && random.nextBoolean()) {
                    cites.set(random.nextInt(cites.size()), invented);
                } else {
                    cites.add(invented);
                }
                paragraphs.set(at, new Paragraph(p.text(), cites));
                yield Optional.of(paragraphs);
            }
            case FOREIGN_LINK -> {
                int at = random.nextInt(paragraphs.size());
                Paragraph p = paragraphs.get(at);
                String link = random.nextBoolean() ? "https://example.org/deal/" + random.nextInt(1000) : "https://acme.my.salesforce.com/006A0000000077ZZZ";
                paragraphs.set(at, new Paragraph(p.text() + " See " + link + ".", p.cites()));
                yield Optional.of(paragraphs);
            }
        };
    }

    private static Optional<List<Paragraph>> changedNumber(FactComposer.Composed composed, List<Paragraph> paragraphs, Random random) {
        List<int[]> candidates = new ArrayList<>();
        for (int p = 0; p < composed.stated().size(); p++) {
            for (int s = 0; s < composed.stated().get(p).size(); s++) {
                if (NUMBER.matcher(composed.stated().get(p).get(s)).find()) {
                    candidates.add(new int[] {p, s});
                }
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        int[] pick = candidates.get(random.nextInt(candidates.size()));
        String shown = composed.stated().get(pick[0]).get(pick[1]);
        String changed = changed(shown, random);
        Paragraph p = paragraphs.get(pick[0]);
        int at = p.text().indexOf(shown);
        if (at < 0) {
            return Optional.empty();
        }
        paragraphs.set(pick[0], new Paragraph(p.text().substring(0, at) + changed + p.text().substring(at + shown.length()), p.cites()));
        return Optional.of(paragraphs);
    }

    /** "USD 150,000" → "USD 165,000"; "3" → "4"; "1 h 5 min" → "1 h 17 min"; "25 %" → "31 %". */
    static String changed(String shown, Random random) {
        List<MatchResult> numbers = new ArrayList<>();
        Matcher m = NUMBER.matcher(shown);
        while (m.find()) {
            numbers.add(new MatchResult(m.start(), m.end(), new BigDecimal(m.group().replace(",", ""))));
        }
        MatchResult last = numbers.get(numbers.size() - 1);
        MatchResult target = shown.contains(" h ") || shown.contains(" d ") ? last : numbers.get(0);
        BigDecimal value = target.value();
        BigDecimal next;
        if (value.compareTo(BigDecimal.valueOf(100)) < 0) {
            int delta = 1 + random.nextInt(value.compareTo(BigDecimal.TEN) < 0 ? 3 : 9);
            next = value.compareTo(BigDecimal.valueOf(delta)) > 0 && random.nextBoolean() ? value.subtract(BigDecimal.valueOf(delta))
                    : value.add(BigDecimal.valueOf(delta));
        } else {
            double factor = random.nextBoolean() ? 1.06 + random.nextDouble() * 0.5 : 0.5 + random.nextDouble() * 0.44;
            int zeros = trailingZeros(value);
            next = value.multiply(BigDecimal.valueOf(factor)).setScale(-zeros, RoundingMode.HALF_UP).setScale(0, RoundingMode.UNNECESSARY);
            if (next.compareTo(value) == 0) {
                next = value.add(BigDecimal.TEN.pow(zeros));
            }
        }
        String written = shown.substring(target.start(), target.end()).contains(",") ? "%,d".formatted(next.longValueExact()) : next.toPlainString();
        return shown.substring(0, target.start()) + written + shown.substring(target.end());
    }

    private record MatchResult(int start, int end, BigDecimal value) {
    }

    private static int trailingZeros(BigDecimal value) {
        int zeros = 0;
        BigDecimal v = value;
        while (v.signum() != 0 && v.remainder(BigDecimal.TEN).signum() == 0 && zeros < 3) {
            v = v.divide(BigDecimal.TEN);
            zeros++;
        }
        return zeros;
    }

    private static Optional<List<Paragraph>> swappedName(NarrationFacts facts, List<Paragraph> paragraphs, Random random, List<String> foreign) {
        List<String> present = new ArrayList<>();
        for (String name : facts.names()) {
            if (name != null && name.length() > 2 && Character.isUpperCase(name.charAt(0))
                    && paragraphs.stream().anyMatch(p -> p.text().contains(name))) {
                present.add(name);
            }
        }
        if (present.isEmpty()) {
            return Optional.empty();
        }
        String swapped = present.get(random.nextInt(present.size()));
        String replacement = foreign.get(random.nextInt(foreign.size()));
        for (int i = 0; i < paragraphs.size(); i++) {
            Paragraph p = paragraphs.get(i);
            int at = p.text().indexOf(swapped);
            if (at >= 0) {
                paragraphs.set(i, new Paragraph(p.text().substring(0, at) + replacement + p.text().substring(at + swapped.length()), p.cites()));
                return Optional.of(paragraphs);
            }
        }
        return Optional.empty();
    }
}
