package io.gristmill.recap;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.gristmill.access.Refusal;
import io.gristmill.directory.Employee;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.access.Caller;
import io.gristmill.recap.RecapContent.Metric;
import io.gristmill.tenant.TenantSettings;

/**
 * A manager's week: the confirmed recaps of their direct reports, who has not confirmed yet, and
 * the team's totals over the confirmed recaps. Read by the manager and anyone above them; someone
 * with a delegation for some of the reports sees those reports only.
 */
@ApplicationScoped
public class TeamRecaps {
    private final EmployeeDirectory directory;
    private final RecapStore store;
    private final RecapAccess access;
    private final RecapBuilder builder;
    private final Clock clock;

    public TeamRecaps(EmployeeDirectory directory, RecapStore store, RecapAccess access, RecapBuilder builder, Clock clock) {
        this.clock = clock;
        this.directory = directory;
        this.store = store;
        this.access = access;
        this.builder = builder;
    }

    public record TeamWeek(String managerId, String managerName, String week, List<Recap> confirmed, List<Pending> pending, Summary summary) {
    }

    /**
     * @param status       {@code draft} (generated, not confirmed) or {@code not_generated}
     * @param waitingSince when the draft was written
     * @param remind       the draft has waited longer than the tenant's {@code remindAfterHours} for its employee
     * @param publishesAt  where confirmation is not required: when the cycle publishes the draft
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pending(String employeeId, String name, String status, Instant waitingSince, Boolean remind, Instant publishesAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(int reports, int confirmed, int pending, List<Total> totals) {
    }

    /** A measure added up over the confirmed recaps (counts, amounts, talk time; not medians or rates). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Total(String id, String label, BigDecimal value, String unit, int people, String currency) {
    }

    public TeamWeek week(Caller caller, String managerId, IsoWeek week) {
        Employee manager = access.employee(caller, managerId);
        List<Employee> reports = visibleReports(caller, manager);
        TenantSettings settings = builder.settings(caller.tenantId());
        Instant weekStart = week.start(settings.zone(), settings.weekStart());
        List<Recap> confirmed = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        for (Employee report : reports) {
            // Someone who left before the week began, or who is not in the recap groups, has no recap to wait for.
            boolean partOfWeek = report.deactivatedAt().map(weekStart::isBefore).orElse(true) && RecapDrafts.inRecapGroups(settings, report);
            List<Recap> versions = store.versions(caller.tenantId(), report.employeeId(), week);
            Optional<Recap> latestConfirmed = versions.stream().filter(r -> r.status() == RecapStatus.CONFIRMED).reduce((a, b) -> b);
            if (latestConfirmed.isPresent()) {
                confirmed.add(latestConfirmed.get().withoutEvidence());
            } else if (partOfWeek) {
                pending.add(pending(report, versions, settings.recaps().cycle()));
            }
        }
        return new TeamWeek(managerId, manager.name(), week.toString(), confirmed, pending,
                new Summary(confirmed.size() + pending.size(), confirmed.size(), pending.size(), totals(confirmed)));
    }

    /**
     * The manager's direct reports the caller may see: all of them for the manager and anyone above;
     * for someone outside the chain, the reports whose recaps were delegated to them (refused when none).
     */
    List<Employee> visibleReports(Caller caller, Employee manager) {
        List<Employee> reports = directory.directReports(caller.tenantId(), manager.employeeId());
        if (access.isSelf(caller, manager) || access.managesTransitively(caller, manager)) {
            return reports;
        }
        reports = reports.stream().filter(report -> access.isDelegate(caller, report)).toList();
        if (reports.isEmpty()) {
            throw Refusal.notAllowed("Only " + manager.employeeId() + ", their managers and people with a delegation for one of "
                    + "their reports can read this team's recaps");
        }
        return reports;
    }

    private Pending pending(Employee report, List<Recap> versions, TenantSettings.Cycle cycle) {
        if (versions.isEmpty()) {
            return new Pending(report.employeeId(), report.name(), "not_generated", null, null, null);
        }
        Instant since = versions.get(versions.size() - 1).generatedAt();
        if (!cycle.confirmationRequired()) {
            return new Pending(report.employeeId(), report.name(), "draft", since, null, since.plus(Duration.ofHours(cycle.publishAfterHours())));
        }
        boolean remind = !since.plus(Duration.ofHours(cycle.remindAfterHours())).isAfter(clock.instant());
        return new Pending(report.employeeId(), report.name(), "draft", since, remind, null);
    }

    private static List<Total> totals(List<Recap> recaps) {
        Map<String, Total> totals = new LinkedHashMap<>();
        for (Recap recap : recaps) {
            recap.content().sections().stream().flatMap(s -> s.metrics().stream()).filter(Metric::additive).forEach(m ->
                    totals.merge(m.key(), new Total(m.id(), m.label(), m.value(), m.unit(), 1, m.currency()),
                            (a, b) -> new Total(a.id(), a.label(), a.value().add(b.value()), a.unit(), a.people() + 1, a.currency())));
        }
        return List.copyOf(totals.values());
    }
}
