package io.gristmill.recap;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One version of an employee's weekly recap, as stored and as the API returns it.
 *
 * @param request   the one-off options of the request that generated this version (kept for the
 *                  record; never applied to another recap)
 * @param interpretedAs what the request's words were taken to mean
 * @param template  the prompt template applied, if any (requested, or the tenant default)
 * @param included  the optional parts this version includes, from request and template together
 * @param managerId the manager when it was confirmed: they keep read access after a reorganisation
 * @param narrator  who wrote the narrative: the template, or a model whose text passed the grounding check
 * @param context   the employee's note on this version, in their own words
 * @param confirmedBy {@code employee}, or {@code schedule} where the tenant publishes drafts without confirmation
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
        io.gristmill.recap.Interpretation interpretedAs,
        AppliedTemplate template,
        List<Inclusion> included,
        String instructions,
        String narrative,
        RecapContent content,
        Narrator narrator,
        Context context,
        String confirmedBy) {

    /** Confirmed by the employee. */
    public static final String BY_EMPLOYEE = "employee";
    /** Published by the tenant's cycle, where confirmation is not required. */
    public static final String BY_SCHEDULE = "schedule";

    /** The employee's own words added to a draft before confirming: shown as theirs, never mixed into the generated text. */
    public record Context(String note, Instant addedAt) {
        public static final int MAX_NOTE = 1000;
    }

    public record AppliedTemplate(String templateId, String name, String scope, String length) {
    }

    /** A short version was asked for: by the request's words, else by the template. */
    public boolean asksShort() {
        if (interpretedAs != null && !"normal".equals(interpretedAs.length())) {
            return interpretedAs.isShort();
        }
        return template != null && "short".equals(template.length());
    }

    Recap confirmed(Instant at, String manager, String by) {
        return new Recap(employeeId, employeeName, week, from, to, timeZone, version, RecapStatus.CONFIRMED, generatedAt, at, manager,
                request, interpretedAs, template, included, instructions, narrative, content, narrator, context, by);
    }

    Recap asVersion(int newVersion) {
        return new Recap(employeeId, employeeName, week, from, to, timeZone, newVersion, status, generatedAt, confirmedAt, managerId,
                request, interpretedAs, template, included, instructions, narrative, content, narrator, context, confirmedBy);
    }

    Recap withContext(Context note) {
        return new Recap(employeeId, employeeName, week, from, to, timeZone, version, status, generatedAt, confirmedAt, managerId,
                request, interpretedAs, template, included, instructions, narrative, content, narrator, note, confirmedBy);
    }

    Recap withNarrative(RecapNarrator.Narration narration) {
        return new Recap(employeeId, employeeName, week, from, to, timeZone, version, status, generatedAt, confirmedAt, managerId,
                request, interpretedAs, template, included, instructions, narration.text(), content, narration.narrator(), context, confirmedBy);
    }

    public Recap withoutEvidence() {
        return new Recap(employeeId, employeeName, week, from, to, timeZone, version, status, generatedAt, confirmedAt, managerId,
                request, interpretedAs, template, included, instructions, narrative, content.withoutEvidence(), narrator, context, confirmedBy);
    }
}
