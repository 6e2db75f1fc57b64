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
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.directory.Employee;
import io.gristmill.http.ApiException;
import io.gristmill.http.Caller;
import io.gristmill.recap.RecapContent.Metric;
import io.gristmill.tenant.TenantSettings;

/**
 * The recap measures over any period (a quarter, a half-year) with a per-week trend, for reviews
 * and calibration. Computed from activity like a recap; each week says whether the employee
 * confirmed that week's recap. Read by the employee, their manager chain and admins.
 */
@ApplicationScoped
public class ReviewContexts {
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

    public record ReviewContext(String employeeId, String name, LocalDate from, LocalDate to, String timeZone, RecapContent total,
            List<WeekTrend> weeks) {
    }

    /** One week of the period (cut to the period at its ends). */
    public record WeekTrend(String week, Instant from, Instant to, boolean confirmed, Map<String, BigDecimal> metrics) {
    }

    public ReviewContext of(Caller caller, String employeeId, LocalDate from, LocalDate to, Set<Inclusion> inclusions, boolean evidence) {
        Employee employee = access.employee(caller, employeeId);
        if (!caller.isAdmin() && !access.isSelf(caller, employee) && !access.managesTransitively(caller, employee)) {
            throw ApiException.forbidden("Review context is for " + employeeId + ", their managers and admins");
        }
        if (to.isBefore(from)) {
            throw ApiException.badRequest("from must not be after to");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > config.maxReviewDays()) {
            throw ApiException.badRequest("A review context covers at most " + config.maxReviewDays() + " days");
        }
        TenantSettings settings = builder.settings(caller.tenantId());
        Instant start = from.atStartOfDay(settings.zone()).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(settings.zone()).toInstant();
        RecapBuilder.Gathered gathered = builder.gather(caller.tenantId(), employeeId, start, end);
        RecapContent total = RecapBuilder.calculate(gathered, employeeId, start, end, settings, inclusions, Set.of());
        Set<String> confirmedWeeks = store.all(caller.tenantId(), employeeId).stream()
                .filter(v -> v.status() == RecapStatus.CONFIRMED).map(v -> v.week().toString()).collect(Collectors.toSet());
        List<WeekTrend> weeks = new ArrayList<>();
        for (IsoWeek week = IsoWeek.containing(start, settings.zone(), settings.weekStart());
                week.start(settings.zone(), settings.weekStart()).isBefore(end); week = week.next()) {
            Instant weekFrom = max(start, week.start(settings.zone(), settings.weekStart()));
            Instant weekTo = min(end, week.end(settings.zone(), settings.weekStart()));
            weeks.add(new WeekTrend(week.toString(), weekFrom, weekTo, confirmedWeeks.contains(week.toString()),
                    metrics(RecapBuilder.calculate(gathered, employeeId, weekFrom, weekTo, settings, inclusions, Set.of()))));
        }
        return new ReviewContext(employeeId, employee.name(), from, to, settings.timeZone(),
                evidence ? total : total.withoutEvidence(), weeks);
    }

    private static Map<String, BigDecimal> metrics(RecapContent content) {
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        content.sections().stream().flatMap(s -> s.metrics().stream()).forEach((Metric m) -> values.put(m.id(), m.value()));
        return values;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
