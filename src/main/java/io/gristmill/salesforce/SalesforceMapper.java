package io.gristmill.salesforce;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.activity.Activity;
import io.gristmill.activity.Source;
import io.gristmill.directory.EmployeeDirectory;
import io.gristmill.directory.IdentityKind;

/**
 * Salesforce rows → activity. Work is credited to the Salesforce user who did it (the owner, or
 * the user who made a history row) through the directory, at the time it happened: after an
 * employee's deactivation their new work is unattributed. Only ids, names, stages, amounts, dates
 * and call metadata are kept — never subjects, descriptions, bodies or titles.
 */
@ApplicationScoped
public class SalesforceMapper {
    private final EmployeeDirectory directory;

    /** Who is credited with what a Salesforce user did at a time (empty: unattributed). */
    @FunctionalInterface
    public interface Credit {
        Optional<String> employeeFor(String salesforceUserId, Instant at);
    }

    public SalesforceMapper(EmployeeDirectory directory) {
        this.directory = directory;
    }

    /**
     * What a row means can depend on what came before it, which the caller looks up (in earlier
     * rows of the poll, else in stored activity).
     */
    public interface History {
        /** The opportunity's stage before this history row, if any stage of it is known. */
        Optional<String> previousStage(String opportunityId, Map<String, Object> row);

        /** When the opportunity was created, if it is known. */
        Optional<Instant> opportunityCreated(String opportunityId);

        /** How often the opportunity was reopened after being closed (stored {@code opportunity.reopened} facts). */
        int reopens(String opportunityId);

        /** Whether its latest stored close (won or lost) was not followed by a reopen. */
        boolean closed(String opportunityId);

        /** No history: every row read on its own (for a single row's mapping). */
        History NONE = new History() {
            @Override
            public Optional<String> previousStage(String opportunityId, Map<String, Object> row) {
                return Optional.empty();
            }

            @Override
            public Optional<Instant> opportunityCreated(String opportunityId) {
                return Optional.empty();
            }

            @Override
            public int reopens(String opportunityId) {
                return 0;
            }

            @Override
            public boolean closed(String opportunityId) {
                return false;
            }
        };
    }

    /** A deal's creation writes a history row this close to the deal's own creation (same transaction). */
    static final java.time.Duration CREATION_ROW = java.time.Duration.ofSeconds(60);

    /** Maps with a directory lookup per row (a poll passes a memoizing {@link Credit} instead). */
    public List<Activity> map(String tenantId, String type, Map<String, Object> row, Instant now, History history) {
        return map(tenantId, type, row, now, history, (actor, at) -> directory.creditFor(tenantId, IdentityKind.SALESFORCE, actor, at));
    }

    public List<Activity> map(String tenantId, String type, Map<String, Object> row, Instant now, History history, Credit credit) {
        List<Activity> out = new ArrayList<>();
        String id = str(row, "Id");
        switch (type) {
            case "Opportunity" -> {
                Map<String, String> refs = refs("opportunityId", id, "opportunityName", str(row, "Name"), "accountId", str(row, "AccountId"),
                        "currency", str(row, "CurrencyIsoCode"));
                Map<String, BigDecimal> amount = measures("amount", row.get("Amount"));
                Instant created = SalesforceTime.parse(row.get("CreatedDate"));
                out.add(activity(credit, tenantId, row, "OwnerId", created, "opportunity.created", id, id, refs, amount,
                        meta("stage", str(row, "StageName"))));
                // Closing is one fact per time the deal is closed, whatever its Close Date says: a
                // closed deal's Close Date can be corrected after signing, and the deal stays closed.
                int closing = history.reopens(id) + 1;
                Instant changedAt = Optional.ofNullable(SalesforceTime.parse(row.get("LastModifiedDate"))).orElse(now);
                if (Boolean.TRUE.equals(row.get("IsClosed"))) {
                    String kind = Boolean.TRUE.equals(row.get("IsWon")) ? "opportunity.won" : "opportunity.lost";
                    // The first poll that sees it closed dates it: a poll runs every few minutes.
                    out.add(activity(credit, tenantId, row, "OwnerId", changedAt, kind, id, id + ":closed#" + closing, refs,
                            amount, meta("stage", str(row, "StageName"), "closeDate", str(row, "CloseDate"))));
                } else if (history.closed(id)) {
                    // Open again after a close: the next close is a new fact.
                    out.add(activity(credit, tenantId, row, "OwnerId", changedAt, "opportunity.reopened", id, id + ":reopened#" + closing,
                            refs, Map.of(), meta("stage", str(row, "StageName"))));
                }
            }
            case "OpportunityHistory" -> {
                String opportunity = str(row, "OpportunityId");
                String to = str(row, "StageName");
                Optional<String> from = history.previousStage(opportunity, row);
                Instant at = SalesforceTime.parse(row.get("CreatedDate"));
                boolean creation = from.isEmpty() && history.opportunityCreated(opportunity)
                        .filter(created -> java.time.Duration.between(created, at).abs().compareTo(CREATION_ROW) <= 0).isPresent();
                if (to != null && creation) {
                    // Salesforce writes a history row when a deal is created: its first stage, not a move.
                    out.add(activity(credit, tenantId, row, "CreatedById", at, "opportunity.stage_set", opportunity, id,
                            refs("opportunityId", opportunity), measures("amount", row.get("Amount")), meta("toStage", to)));
                } else if (to != null && !from.map(to::equals).orElse(false)) {
                    // (A row with the same stage records a change of amount, probability or close date.)
                    out.add(activity(credit, tenantId, row, "CreatedById", at, "opportunity.stage_changed", opportunity, id,
                            refs("opportunityId", opportunity), measures("amount", row.get("Amount")), meta("fromStage", from.orElse(null), "toStage", to)));
                }
            }
            case "OpportunityFieldHistory" -> {
                String field = str(row, "Field");
                String kind = "Amount".equals(field) ? "opportunity.amount_changed"
                        : "CloseDate".equals(field) ? "opportunity.close_date_changed" : null;
                if (kind != null) {
                    String opportunity = str(row, "OpportunityId");
                    out.add(activity(credit, tenantId, row, "CreatedById", SalesforceTime.parse(row.get("CreatedDate")), kind, opportunity, id,
                            refs("opportunityId", opportunity), "Amount".equals(field) ? measures("amount", row.get("NewValue")) : Map.of(),
                            meta("from", str(row, "OldValue"), "to", str(row, "NewValue"))));
                }
            }
            case "OpportunityContactRole" -> out.add(activity(credit, tenantId, row, "CreatedById", SalesforceTime.parse(row.get("CreatedDate")),
                    "opportunity.contact_role_added", str(row, "OpportunityId"), id,
                    refs("opportunityId", str(row, "OpportunityId"), "contactId", str(row, "ContactId")),
                    Map.of(), meta("role", str(row, "Role"), "primary", str(row, "IsPrimary"))));
            case "Account" -> out.add(activity(credit, tenantId, row, "OwnerId", SalesforceTime.parse(row.get("CreatedDate")), "account.created",
                    id, id, refs("accountId", id, "accountName", str(row, "Name")), Map.of(), Map.of()));
            case "Contact" -> out.add(activity(credit, tenantId, row, "OwnerId", SalesforceTime.parse(row.get("CreatedDate")),
                    "contact.created", id, id, refs("contactId", id, "accountId", str(row, "AccountId")), Map.of(), Map.of()));
            case "AccountHistory", "ContactHistory", "LeadHistory" -> {
                // Field history values can be free text: only owner and status changes become activity.
                String parent = str(row, type.replace("History", "Id"));
                String field = str(row, "Field");
                String subject = type.replace("History", "").toLowerCase(java.util.Locale.ROOT);
                String kind = "Owner".equals(field) ? subject + ".owner_changed"
                        : "LeadHistory".equals(type) && "Status".equals(field) ? "lead.status_changed" : null;
                // A change of a lookup field (Owner) writes two rows with the same Field: one with ids
                // (DataType EntityId) and one with display names (Text). One change, one activity: the ids.
                if ("Owner".equals(field) && !lookupIdsRow(row)) {
                    kind = null;
                }
                if (kind != null) {
                    out.add(activity(credit, tenantId, row, "CreatedById", SalesforceTime.parse(row.get("CreatedDate")), kind, parent, id,
                            refs(subject + "Id", parent), Map.of(), meta("from", str(row, "OldValue"), "to", str(row, "NewValue"))));
                }
            }
            case "Lead" -> {
                out.add(activity(credit, tenantId, row, "OwnerId", SalesforceTime.parse(row.get("CreatedDate")), "lead.created", id, id,
                        refs("leadId", id), Map.of(), meta("status", str(row, "Status"))));
                if (Boolean.TRUE.equals(row.get("IsConverted"))) {
                    Instant at = Optional.ofNullable(SalesforceTime.parseDate(row.get("ConvertedDate"))).orElse(now);
                    out.add(activity(credit, tenantId, row, "OwnerId", at, "lead.converted", id, id + ":converted",
                            refs("leadId", id, "accountId", str(row, "ConvertedAccountId"), "opportunityId", str(row, "ConvertedOpportunityId")),
                            Map.of(), Map.of()));
                }
            }
            case "Task" -> {
                String subtype = str(row, "TaskSubtype");
                Instant at = Optional.ofNullable(SalesforceTime.parse(row.get("CompletedDateTime")))
                        .orElse(SalesforceTime.parse(row.get("CreatedDate")));
                Map<String, String> refs = refs("taskId", id, "whoId", str(row, "WhoId"), "whatId", str(row, "WhatId"),
                        "accountId", str(row, "AccountId"));
                if ("Call".equals(subtype)) {
                    out.add(activity(credit, tenantId, row, "OwnerId", at, "task.call_logged", id, id, refs,
                            measures("durationSeconds", row.get("CallDurationInSeconds")),
                            meta("direction", str(row, "CallType"), "disposition", str(row, "CallDisposition"))));
                } else if ("Email".equals(subtype) || "ListEmail".equals(subtype)) {
                    out.add(activity(credit, tenantId, row, "OwnerId", at, "task.email_logged", id, id, refs, Map.of(), meta("subtype", subtype)));
                } else if (Boolean.TRUE.equals(row.get("IsClosed"))) {
                    Instant done = Optional.ofNullable(SalesforceTime.parse(row.get("CompletedDateTime")))
                            .orElse(SalesforceTime.parse(row.get("LastModifiedDate")));
                    out.add(activity(credit, tenantId, row, "OwnerId", done, "task.completed", id, id, refs, Map.of(), meta("status", str(row, "Status"))));
                }
            }
            case "Event" -> {
                Instant end = SalesforceTime.parse(row.get("EndDateTime"));
                // All-day events are out of office, conferences, holidays: not meetings held.
                boolean allDay = Boolean.TRUE.equals(row.get("IsAllDayEvent")) || "true".equals(String.valueOf(row.get("IsAllDayEvent")));
                if (end != null && !end.isAfter(now) && !allDay) {
                    out.add(activity(credit, tenantId, row, "OwnerId", SalesforceTime.parse(row.get("StartDateTime")), "event.meeting_held", id, id,
                            refs("eventId", id, "whoId", str(row, "WhoId"), "whatId", str(row, "WhatId")),
                            measures("durationMinutes", row.get("DurationInMinutes")), meta("subtype", str(row, "EventSubtype"))));
                }
            }
            case "Note" -> out.add(activity(credit, tenantId, row, "OwnerId", SalesforceTime.parse(row.get("CreatedDate")), "note.added", id, id,
                    refs("noteId", id, "parentId", str(row, "ParentId")), Map.of(),
                    // Title and Body are only selected when the tenant opted in to note text.
                    meta("private", str(row, "IsPrivate"), "title", clip(str(row, "Title"), 200), "text", clip(str(row, "Body"), 500))));
            default -> {
                // User rows update the directory instead (SalesforceUsers); others are not mapped.
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern RECORD_ID = java.util.regex.Pattern.compile("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?");

    /** Whether a lookup field's history row is the one with ids (not the one with display names). */
    static boolean lookupIdsRow(Map<String, Object> row) {
        Object dataType = row.get("DataType");
        if (dataType != null) {
            return "EntityId".equals(dataType.toString());
        }
        // Without DataType: the ids row holds record ids on both sides (or none on one).
        String oldValue = str(row, "OldValue");
        String newValue = str(row, "NewValue");
        return (oldValue == null || RECORD_ID.matcher(oldValue).matches()) && (newValue == null || RECORD_ID.matcher(newValue).matches());
    }

    private static Activity activity(Credit credit, String tenantId, Map<String, Object> row, String actorField, Instant at, String kind,
            String record, String fact, Map<String, String> refs, Map<String, BigDecimal> measures, Map<String, String> meta) {
        String actor = str(row, actorField);
        Optional<String> employee = actor == null ? Optional.empty() : credit.employeeFor(actor, at);
        Map<String, String> metadata = new HashMap<>(meta);
        if (actor != null) {
            metadata.put("salesforceUserId", actor);
        }
        return new Activity(tenantId, employee, at, Source.SALESFORCE, kind, record, fact, refs, measures, metadata);
    }

    private static String str(Map<String, Object> row, String field) {
        Object value = row.get(field);
        return value == null ? null : value.toString();
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static Map<String, String> refs(String... pairs) {
        return meta(pairs);
    }

    private static Map<String, String> meta(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                map.put(pairs[i], pairs[i + 1]);
            }
        }
        return map;
    }

    private static Map<String, BigDecimal> measures(String name, Object value) {
        if (value == null) {
            return Map.of();
        }
        try {
            return Map.of(name, new BigDecimal(value.toString()));
        } catch (NumberFormatException notANumber) {
            return Map.of();
        }
    }
}
