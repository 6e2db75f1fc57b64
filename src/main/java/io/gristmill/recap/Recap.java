package io.gristmill.recap;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One version of an employee's weekly recap, as stored and as the API returns it.
 *
 * @param request   the one-off options of the request that generated this version (kept for the
 *                  record; never applied to another recap)
 * @param template  the prompt template applied, if any (requested, or the tenant default)
 * @param included  the optional parts this version includes, from request and template together
 * @param managerId the manager when it was confirmed: they keep read access after a reorganisation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Recap(
        String employeeId,
        String employeeName,
        String week,
        Instant from,
        Instant to,
        String timeZone,
        int version,
        RecapStatus status,
        Instant generatedAt,
        Instant confirmedAt,
        String managerId,
        RecapOptions request,
        AppliedTemplate template,
        List<Inclusion> included,
        String instructions,
        String narrative,
        RecapContent content) {

    public record AppliedTemplate(String templateId, String name, String scope) {
    }

    Recap confirmed(Instant at, String manager) {
        return new Recap(employeeId, employeeName, week, from, to, timeZone, version, RecapStatus.CONFIRMED, generatedAt, at, manager,
                request, template, included, instructions, narrative, content);
    }

    Recap asVersion(int newVersion) {
        return new Recap(employeeId, employeeName, week, from, to, timeZone, newVersion, status, generatedAt, confirmedAt, managerId,
                request, template, included, instructions, narrative, content);
    }

    Recap withNarrative(String text) {
        return new Recap(employeeId, employeeName, week, from, to, timeZone, version, status, generatedAt, confirmedAt, managerId,
                request, template, included, instructions, text, content);
    }

    public Recap withoutEvidence() {
        return new Recap(employeeId, employeeName, week, from, to, timeZone, version, status, generatedAt, confirmedAt, managerId,
                request, template, included, instructions, narrative, content.withoutEvidence());
    }
}
