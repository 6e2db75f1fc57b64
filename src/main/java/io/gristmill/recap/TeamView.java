package io.gristmill.recap;

import java.util.List;

import io.quarkus.qute.TemplateData;

/** A manager's week prepared for the Markdown and HTML templates: totals written out, each confirmed recap in short. */
@TemplateData
public record TeamView(String managerName, String week, int reports, int confirmedCount, List<ShownTotal> totals, List<ShownRecap> confirmed,
        List<TeamRecaps.Pending> pending) {

    @TemplateData
    public record ShownTotal(String label, String value, int people) {
    }

    /** @param link the recap itself, as HTML, for the reader to open */
    @TemplateData
    public record ShownRecap(String name, String narrative, String note, List<RecapView.ShownMetric> metrics, String link) {
    }

    static TeamView of(TeamRecaps.TeamWeek week) {
        List<ShownTotal> totals = week.summary().totals().stream()
                .map(t -> new ShownTotal(t.label(), RecapView.display(t.value(), t.unit(), t.currency()), t.people())).toList();
        List<ShownRecap> confirmed = week.confirmed().stream().map(recap -> new ShownRecap(
                recap.employeeName() == null ? recap.employeeId() : recap.employeeName(), recap.narrative(),
                recap.context() == null ? null : recap.context().note(),
                recap.content().sections().stream().flatMap(s -> s.metrics().stream())
                        .map(m -> new RecapView.ShownMetric(m.id(), m.label(), RecapView.display(m))).toList(),
                "/recaps/" + recap.employeeId() + "/" + recap.week() + "?format=html")).toList();
        return new TeamView(week.managerName(), week.week(), week.summary().reports(), week.summary().confirmed(), totals, confirmed,
                week.pending());
    }

    public String pendingStatus(TeamRecaps.Pending pending) {
        if (!"draft".equals(pending.status())) {
            return "no recap yet";
        }
        if (pending.publishesAt() != null) {
            return "drafted; published to you at " + pending.publishesAt() + " unless confirmed before";
        }
        return Boolean.TRUE.equals(pending.remind()) ? "drafted, waiting for confirmation since " + pending.waitingSince() + " (reminder due)"
                : "drafted, not confirmed yet";
    }
}
