package io.gristmill.recap;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.access.Refusal;
import io.gristmill.activity.TooMuchActivityException;
import io.gristmill.directory.Employee;
import io.gristmill.access.Caller;
import io.gristmill.recap.RecapContent.Metric;
import io.gristmill.recap.RecapContent.Section;
import io.gristmill.tenant.TenantSettings;

/**
 * The recap measures over any period (a quarter, a half-year) with a per-week trend, for reviews
 * and calibration.
 *
 * <p>The employee gets it computed from their activity, every week whether confirmed or not, with
 * evidence and call figures on request. Everyone else who may read the employee's recaps (manager
 * chain, delegates, the manager recorded on a recap) gets exactly what the employee confirmed:
 * the confirmed recap of each week, as confirmed, without evidence and with only the sections the
 * employee included; the period total adds up the additive figures (counts, amounts, times) of
 * those weeks. A week that is not confirmed shows no figures to them.
 */
@ApplicationScoped
public class ReviewContexts {
    /**
     * The dates a review context may name: recap weeks are named 2000-W01 to 2999-W52, and the
     * week after the last one must exist too.
     */
    static final LocalDate FIRST_DAY = LocalDate.of(2000, 1, 3);
    static final LocalDate LAST_DAY = LocalDate.of(2999, 12, 15);

    private final RecapAccess access;
    private final RecapBuilder builder;
    private final RecapStore store;
    private final RecapConfig config;

    public ReviewContexts(RecapAccess access, RecapBuilder builder, RecapStore store, RecapConfig config) {
        this.access = access;
        this.builder = builder;
        this.store = store;
        this.config = config;
    }

    /**
     * @param basis {@code activity} (the employee's own view) or {@code confirmed_recaps} (what
     *              anyone else sees)
     */
    public record ReviewContext(String employeeId, String name, LocalDate from, LocalDate to, String timeZone, String basis,
            RecapContent total, List<WeekTrend> weeks) {
    }

    /** One week of the period (cut to the period at its ends when computed from activity). */
    public record WeekTrend(String week, Instant from, Instant to, boolean confirmed, Map<String, BigDecimal> metrics) {
    }

    public ReviewContext of(Caller caller, String employeeId, LocalDate from, LocalDate to, Set<Inclusion> inclusions, boolean evidence) {
        requireValidPeriod(from, to);
        Employee employee = access.employee(caller, employeeId);
        if (access.isSelf(caller, employee)) {
            return fromActivity(caller.tenantId(), employee, from, to, inclusions, evidence);
        }
        if (evidence || !inclusions.isEmpty()) {
            throw Refusal.notAllowed("Evidence and call figures are shown to " + employeeId + " only; others see the recaps "
                    + employeeId + " confirmed, with what they chose to include");
        }
        return fromConfirmedRecaps(caller, employee, from, to);
    }

    void requireValidPeriod(LocalDate from, LocalDate to) {
        if (from.isBefore(FIRST_DAY) || to.isAfter(LAST_DAY)) {
            throw Refusal.invalid("from and to must lie between " + FIRST_DAY + " and " + LAST_DAY);
        }
        if (to.isBefore(from)) {
            throw Refusal.invalid("from must not be after to");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > config.maxReviewDays()) {
            throw Refusal.invalid("A review context covers at most " + config.maxReviewDays() + " days");
        }
    }

    private ReviewContext fromActivity(String tenantId, Employee employee, LocalDate from, LocalDate to, Set<Inclusion> inclusions,
            boolean evidence) {
        TenantSettings settings = builder.settings(tenantId);
        Instant start = from.atStartOfDay(settings.zone()).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(settings.zone()).toInstant();
        RecapBuilder.Gathered gathered;
        try {
            gathered = builder.gatherBounded(tenantId, employee.employeeId(), start, end);
        } catch (TooMuchActivityException e) {
            throw new Refusal(Refusal.Kind.TOO_MUCH, "too_much_activity", "The period holds more activity than one review context reads ("
                    + e.limit() + "); choose a shorter period");
        }
        String employeeId = employee.employeeId();
        RecapContent total = RecapBuilder.calculate(gathered, employeeId, start, end, settings, inclusions, Set.of());
        Set<String> confirmedWeeks = store.all(tenantId, employeeId).stream()
                .filter(v -> v.status() == RecapStatus.CONFIRMED).map(v -> v.week().toString()).collect(Collectors.toSet());
        List<WeekTrend> weeks = new ArrayList<>();
        for (IsoWeek week = IsoWeek.containing(start, settings.zone(), settings.weekStart());
                week.start(settings.zone(), settings.weekStart()).isBefore(end); week = week.next()) {
            Instant weekFrom = max(start, week.start(settings.zone(), settings.weekStart()));
            Instant weekTo = min(end, week.end(settings.zone(), settings.weekStart()));
            weeks.add(new WeekTrend(week.toString(), weekFrom, weekTo, confirmedWeeks.contains(week.toString()),
                    metrics(RecapBuilder.calculate(gathered, employeeId, weekFrom, weekTo, settings, inclusions, Set.of()))));
        }
        return new ReviewContext(employeeId, employee.name(), from, to, settings.timeZone(), "activity",
                evidence ? total : total.withoutEvidence(), weeks);
    }

    /** What the caller may see of someone else's period: their confirmed weeks only (refused where they may see none). */
    ReviewContext confirmedOf(Caller caller, Employee employee, LocalDate from, LocalDate to) {
        return fromConfirmedRecaps(caller, employee, from, to);
    }

    private ReviewContext fromConfirmedRecaps(Caller caller, Employee employee, LocalDate from, LocalDate to) {
        TenantSettings settings = builder.settings(caller.tenantId());
        Instant start = from.atStartOfDay(settings.zone()).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(settings.zone()).toInstant();
        IsoWeek first = IsoWeek.containing(start, settings.zone(), settings.weekStart());
        IsoWeek last = IsoWeek.containing(end.minusNanos(1), settings.zone(), settings.weekStart());
        boolean readsConfirmed = access.readsConfirmed(caller, employee);
        SortedMap<IsoWeek, Recap> confirmed = store.latestConfirmed(caller.tenantId(), employee.employeeId(), first, last);
        confirmed.values().removeIf(recap -> !access.mayReadConfirmed(caller, employee, recap, readsConfirmed));
        if (!readsConfirmed && confirmed.isEmpty()) {
            throw Refusal.notAllowed("Review context of " + employee.employeeId() + " is for them, their managers and "
                    + "people their recaps were delegated to");
        }
        List<WeekTrend> weeks = new ArrayList<>();
        for (IsoWeek week = first; week.compareTo(last) <= 0; week = week.next()) {
            Recap recap = confirmed.get(week);
            weeks.add(recap == null
                    ? new WeekTrend(week.toString(), max(start, week.start(settings.zone(), settings.weekStart())),
                            min(end, week.end(settings.zone(), settings.weekStart())), false, Map.of())
                    : new WeekTrend(week.toString(), recap.from(), recap.to(), true, metrics(recap.content())));
        }
        return new ReviewContext(employee.employeeId(), employee.name(), from, to, settings.timeZone(), "confirmed_recaps",
                additiveTotal(confirmed.values()), weeks);
    }

    /** The additive figures (counts, amounts, times) of the confirmed weeks added up; rates and medians stay per week. */
    private static RecapContent additiveTotal(Iterable<Recap> recaps) {
        Map<SectionId, Map<String, Metric>> sums = new LinkedHashMap<>();
        Map<SectionId, String> titles = new LinkedHashMap<>();
        int activities = 0;
        for (Recap recap : recaps) {
            activities += recap.content().activityCount();
            for (Section section : recap.content().sections()) {
                titles.putIfAbsent(section.id(), section.title());
                Map<String, Metric> metrics = sums.computeIfAbsent(section.id(), id -> new LinkedHashMap<>());
                section.metrics().stream().filter(Metric::additive).forEach(m -> metrics.merge(m.key(), m.withoutEvidence(), Metric::plus));
            }
        }
        List<Section> sections = new ArrayList<>();
        sums.forEach((id, metrics) -> {
            if (!metrics.isEmpty()) {
                sections.add(new Section(id, titles.get(id), List.copyOf(metrics.values()), List.of()));
            }
        });
        return new RecapContent(sections, List.of(), List.of(), List.of(), activities, null);
    }

    private static Map<String, BigDecimal> metrics(RecapContent content) {
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        content.sections().stream().flatMap(s -> s.metrics().stream()).forEach((Metric m) -> values.put(m.key(), m.value()));
        return values;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
