package io.gristmill.recap;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import io.gristmill.activity.Activity;

/**
 * Many different recap weeks from the one hand-computed fixture week (whose rows have the recorded
 * shapes of Salesforce and Front activity): per seed the deals, tags and people get other names,
 * amounts another scale and currency, call durations other lengths, and a share of the activity is
 * left out, so figures, lists and highlights differ from week to week. For the narrator's grounding
 * benchmark and tests: what varies is what a narrative states.
 */
public final class VariedWeeks {
    private static final RecapLinks LINKS = new RecapLinks(Optional.of("https://acme.my.salesforce.com"), "https://app.frontapp.com/open/");
    private static final List<String> COMPANIES = List.of("Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Litware", "Proseware",
            "Adventure Works", "Blue Yonder", "Coho Winery", "Alpine Ski House", "Margie's Travel", "Woodgrove Bank", "Lucerne Publishing",
            "Trey Research", "Fourth Coffee", "Humongous Insurance", "Wide World Importers", "Graphic Design Institute", "City Power");
    private static final List<String> DEAL_KINDS = List.of("renewal", "expansion", "pilot", "rollout", "upgrade", "trial", "migration",
            "add-on seats", "annual plan", "platform deal");
    private static final List<String> TAGS = List.of("billing", "shipping", "refund", "onboarding", "bug", "vip", "invoice", "login");
    private static final List<String> PEOPLE = List.of("Ada Lovelace", "Noor Haddad", "Omar Khalil", "Ravi Patel", "Mei Tanaka",
            "Lena Fischer", "Sofia Costa", "Tom Becker", "Aisha Bello", "Jonas Berg");
    private static final List<String> CURRENCIES = List.of("USD", "EUR", "GBP", "USD", "CHF");
    private static final List<Double> SCALES = List.of(0.05, 0.3, 0.5, 0.8, 1.0, 1.3, 2.0, 3.7, 12.0, 40.0);

    private VariedWeeks() {
    }

    /** The employee's first and last name in week {@code seed}. */
    public static String employeeName(int seed) {
        return PEOPLE.get(Math.floorMod(seed, PEOPLE.size()));
    }

    /** Other first names: someone this week's recap must never mention. */
    public static List<String> otherPeople(int seed) {
        return PEOPLE.stream().filter(p -> !p.equals(employeeName(seed))).map(p -> p.split(" ")[0]).toList();
    }

    /** Deal names that exist in no week's fixture. */
    public static List<String> foreignDeals() {
        return List.of("Wayne Enterprises renewal", "Stark Industries pilot", "Cyberdyne expansion", "Soylent rollout", "Tyrell upgrade");
    }

    /** The recap of week {@code seed}: computed by the real calculator from varied fixture activity. */
    public static Recap recap(int seed) {
        Random random = new Random(seed * 7919L + 17);
        List<Activity> activities = activities(random);
        Set<Inclusion> inclusions = random.nextBoolean() ? Set.of(Inclusion.SALESFORCE_CALLS, Inclusion.FRONT_CALLS) : Set.of();
        return recapOf(activities, employeeName(seed), inclusions);
    }

    /** The 2026-W40 recap (Europe/Berlin) the real calculator makes of {@code emp-ada}'s activities. */
    public static Recap recapOf(List<Activity> activities, String employeeName, Set<Inclusion> inclusions) {
        RecapContent content = RecapCalculator.calculate(new RecapCalculator.Input(RecapFixture.ADA, RecapFixture.FROM, RecapFixture.TO,
                RecapFixture.BERLIN, activities, RecapFixture.conversations(activities), inclusions, Set.of(), LINKS));
        return new Recap(RecapFixture.ADA, employeeName, RecapFixture.WEEK.toString(), RecapFixture.FROM, RecapFixture.TO,
                RecapFixture.BERLIN.getId(), 1, RecapStatus.DRAFT, Instant.parse("2026-10-05T06:00:00Z"), null, null, RecapOptions.NONE, null,
                null, List.copyOf(new LinkedHashSet<>(inclusions)), null, null, content, null, null, null);
    }

    /** The activity (of everyone, in and around the week) behind week {@code seed}'s recap. */
    public static List<Activity> activities(int seed) {
        return activities(new Random(seed * 7919L + 17));
    }

    private static List<Activity> activities(Random random) {
        List<Activity> fixture = RecapFixture.activities("t-varied");
        Map<String, String> dealNames = new HashMap<>();
        Map<String, String> tagNames = new HashMap<>();
        BigDecimal scale = BigDecimal.valueOf(SCALES.get(random.nextInt(SCALES.size())));
        String currency = CURRENCIES.get(random.nextInt(CURRENCIES.size()));
        double dropShare = random.nextDouble() * 0.4;
        List<Activity> varied = new ArrayList<>();
        for (Activity a : fixture) {
            if (a.employeeId().isPresent() && random.nextDouble() < dropShare) {
                continue;
            }
            Map<String, String> references = new HashMap<>(a.references());
            references.computeIfPresent("opportunityName", (k, name) -> dealNames.computeIfAbsent(name,
                    n -> COMPANIES.get(random.nextInt(COMPANIES.size())) + " " + DEAL_KINDS.get(random.nextInt(DEAL_KINDS.size()))));
            references.computeIfPresent("currency", (k, c) -> "EUR".equals(c) ? "EUR" : currency);
            Map<String, BigDecimal> measures = new HashMap<>(a.measures());
            measures.computeIfPresent("amount", (k, v) -> v.multiply(scale).divide(BigDecimal.valueOf(500), 0, RoundingMode.HALF_UP)
                    .max(BigDecimal.ONE).multiply(BigDecimal.valueOf(500)));
            measures.computeIfPresent("durationSeconds", (k, v) -> BigDecimal.valueOf(30 + random.nextInt(3600)));
            Map<String, String> metadata = new HashMap<>(a.metadata());
            metadata.computeIfPresent("tagName", (k, tag) -> tagNames.computeIfAbsent(tag, t -> TAGS.get(random.nextInt(TAGS.size()))));
            varied.add(new Activity(a.tenantId(), a.employeeId(), a.occurredAt(), a.source(), a.kind(), a.sourceRecordId(), a.sourceFactId(),
                    references, measures, metadata));
        }
        return varied;
    }
}
