package io.gristmill.salesforce;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An object the poller reads: which fields (metadata only — never Subject, Description, Body or
 * Title), and which timestamp is its cursor: {@code SystemModstamp}, or {@code CreatedDate} for
 * history objects, which have no SystemModstamp. A snapshot object is read whole every poll:
 * {@code GroupMember} has no {@code IsDeleted}, so removals only show as absence.
 */
public record SalesforceObject(String name, String cursorField, List<String> fields, boolean snapshot) {
    private static final List<String> COMMON = List.of("Id", "IsDeleted", "CreatedDate", "CreatedById");

    public static final Map<String, SalesforceObject> READ = Map.ofEntries(
            modstamp("Opportunity", "AccountId", "OwnerId", "Name", "StageName", "Amount", "CloseDate", "IsClosed", "IsWon",
                    "RecordTypeId", "CurrencyIsoCode", "LastModifiedDate"),
            history("OpportunityHistory", "OpportunityId", "StageName", "Amount", "CloseDate"),
            history("OpportunityFieldHistory", "OpportunityId", "Field", "OldValue", "NewValue"),
            modstamp("OpportunityContactRole", "OpportunityId", "ContactId", "Role", "IsPrimary"),
            modstamp("Account", "Name", "OwnerId"),
            modstamp("Contact", "AccountId", "OwnerId"),
            history("AccountHistory", "AccountId", "Field", "OldValue", "NewValue"),
            history("ContactHistory", "ContactId", "Field", "OldValue", "NewValue"),
            history("LeadHistory", "LeadId", "Field", "OldValue", "NewValue"),
            modstamp("Lead", "OwnerId", "Status", "IsConverted", "ConvertedDate", "ConvertedAccountId", "ConvertedOpportunityId",
                    "LastModifiedDate"),
            modstamp("Task", "OwnerId", "WhoId", "WhatId", "AccountId", "Status", "IsClosed", "CompletedDateTime", "TaskSubtype",
                    "CallType", "CallDurationInSeconds", "CallDisposition", "LastModifiedDate"),
            modstamp("Event", "OwnerId", "WhoId", "WhatId", "StartDateTime", "EndDateTime", "DurationInMinutes", "IsAllDayEvent",
                    "EventSubtype"),
            modstamp("Note", "ParentId", "OwnerId", "IsPrivate"),
            modstamp("User", "Email", "Name", "IsActive", "ManagerId", "UserRoleId", "LastModifiedDate"),
            modstamp("UserRole", "Name", "ParentRoleId"),
            modstamp("Group", "Name", "DeveloperName", "Type"),
            Map.entry("GroupMember", new SalesforceObject("GroupMember", "SystemModstamp",
                    List.of("Id", "GroupId", "UserOrGroupId", "SystemModstamp"), true)));

    public static Optional<SalesforceObject> named(String name) {
        return Optional.ofNullable(READ.get(name));
    }

    /** The SOQL for rows stamped in {@code [from, to)}, oldest first (literals in SOQL dateTime form). */
    public String soql(List<String> selected, String from, String to) {
        return "SELECT " + String.join(",", selected) + " FROM " + name + " WHERE " + cursorField + " >= " + from
                + " AND " + cursorField + " < " + to + " ORDER BY " + cursorField + " ASC, Id ASC";
    }

    private static Map.Entry<String, SalesforceObject> modstamp(String name, String... own) {
        List<String> all = new java.util.ArrayList<>(COMMON);
        all.add("SystemModstamp");
        all.addAll(List.of(own));
        return Map.entry(name, new SalesforceObject(name, "SystemModstamp", List.copyOf(all), false));
    }

    private static Map.Entry<String, SalesforceObject> history(String name, String... own) {
        List<String> all = new java.util.ArrayList<>(COMMON);
        all.addAll(List.of(own));
        return Map.entry(name, new SalesforceObject(name, "CreatedDate", List.copyOf(all), false));
    }
}
