package io.gristmill.recap;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.gristmill.access.Caller;
import io.gristmill.directory.Employee;
import io.gristmill.recap.RecapContent.Metric;

/**
 * A manager's team side by side over a review period ({@code GET /teams/{managerId}/review-context}):
 * for each report, the additive figures of the weeks they confirmed, never a draft, under the same
 * measures for everyone (a measure someone has no figure for in a confirmed week is 0; someone with
 * no confirmed week has no figures at all; a report outside the recap groups who confirmed nothing
 * is left out, as the team's week does not wait for them). Who may read it is who may read the
 * team's week.
 */
@ApplicationScoped
public class TeamCalibration {
    private final TeamRecaps teams;
    private final RecapAccess access;
    private final ReviewContexts reviews;
    private final RecapLookups lookups;

    public TeamCalibration(TeamRecaps teams, RecapAccess access, ReviewContexts reviews, RecapLookups lookups) {
        this.teams = teams;
        this.lookups = lookups;
        this.access = access;
        this.reviews = reviews;
    }

    public record Calibration(String managerId, String managerName, LocalDate from, LocalDate to, String timeZone, int weeks,
            List<Measure> measures, List<Person> people) {
    }

    /** One column: {@code key} is the measure's id, with its currency for amounts ({@code amountWon.EUR}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Measure(String key, String id, String label, String unit, String currency) {
    }

    /** One row: {@code values} by measure key; empty where the person confirmed no week of the period. */
    public record Person(String employeeId, String name, int confirmedWeeks, Map<String, BigDecimal> values) {
    }

    public Calibration of(Caller caller, String managerId, LocalDate from, LocalDate to) {
        reviews.requireValidPeriod(from, to);
        Employee manager = access.employee(caller, managerId);
        List<Employee> reports = teams.visibleReports(caller, manager);
        Map<String, Measure> measures = new LinkedHashMap<>();
        List<ReviewContexts.ReviewContext> contexts = new ArrayList<>();
        var settings = lookups.settings(caller.tenantId());
        for (Employee report : reports) {
            ReviewContexts.ReviewContext context = reviews.confirmedOf(caller, report, from, to);
            if (!RecapDrafts.inRecapGroups(settings, report) && context.weeks().stream().noneMatch(ReviewContexts.WeekTrend::confirmed)) {
                continue; // outside the recap groups, with nothing confirmed: not someone to compare
            }
            contexts.add(context);
            context.total().sections().stream().flatMap(s -> s.metrics().stream())
                    .forEach((Metric m) -> measures.putIfAbsent(m.key(), new Measure(m.key(), m.id(), m.label(), m.unit(), m.currency())));
        }
        List<Person> people = new ArrayList<>();
        String zone = null;
        int weeks = 0;
        for (ReviewContexts.ReviewContext context : contexts) {
            zone = context.timeZone();
            weeks = context.weeks().size();
            int confirmed = (int) context.weeks().stream().filter(ReviewContexts.WeekTrend::confirmed).count();
            Map<String, BigDecimal> values = new LinkedHashMap<>();
            if (confirmed > 0) {
                measures.keySet().forEach(key -> values.put(key, BigDecimal.ZERO));
                context.total().sections().stream().flatMap(s -> s.metrics().stream()).forEach((Metric m) -> values.put(m.key(), m.value()));
            }
            people.add(new Person(context.employeeId(), context.name(), confirmed, values));
        }
        return new Calibration(managerId, manager.name(), from, to, zone, weeks, List.copyOf(measures.values()), people);
    }
}
