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
            history("OpportunityFieldHistory", "OpportunityId", "Field", "DataType", "OldValue", "NewValue"),
            modstamp("OpportunityContactRole", "OpportunityId", "ContactId", "Role", "IsPrimary"),
            modstamp("Account", "Name", "OwnerId"),
            modstamp("Contact", "AccountId", "OwnerId"),
            history("AccountHistory", "AccountId", "Field", "DataType", "OldValue", "NewValue"),
            history("ContactHistory", "ContactId", "Field", "DataType", "OldValue", "NewValue"),
            history("LeadHistory", "LeadId", "Field", "DataType", "OldValue", "NewValue"),
            modstamp("Lead", "OwnerId", "Status", "IsConverted", "ConvertedDate", "ConvertedAccountId", "ConvertedOpportunityId",
                    "LastModifiedDate"),
            modstamp("Task", "OwnerId", "WhoId", "WhatId", "AccountId", "Status", "IsClosed", "CompletedDateTime", "TaskSubtype",
                    "CallType", "CallDurationInSeconds", "CallDisposition", "LastModifiedDate"),
            modstamp("Event", "OwnerId", "WhoId", "WhatId", "StartDateTime", "EndDateTime", "DurationInMinutes", "IsAllDayEvent",
                    "EventSubtype"),
            modstamp("Note", "ParentId", "OwnerId", "IsPrivate"),
            modstamp("User", "Email", "Username", "Name", "IsActive", "ManagerId", "UserRoleId", "UserType", "LastModifiedDate"),
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

    /**
     * Fields kept only when their value is one of the org's picklist values: {@code Task.CallDisposition}
     * is free text in most orgs (a CTI or a rep types anything there, customer names included).
     */
    public static final java.util.Set<String> PICKLIST_ONLY = java.util.Set.of("CallDisposition");

    private static final java.util.regex.Pattern RECORD_ID = java.util.regex.Pattern.compile("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?");

    /**
     * The SOQL for every row of a history object about one parent record, oldest first: after an
     * undelete, a record's history comes back with its old {@code CreatedDate}, behind the cursor.
     */
    public String soqlOfParent(List<String> selected, String parentField, String parentId) {
        if (!RECORD_ID.matcher(parentId).matches() || !fields.contains(parentField)) {
            throw new IllegalArgumentException("Not a record id of " + parentField + ": " + parentId);
        }
        return "SELECT " + String.join(",", selected) + " FROM " + name + " WHERE " + parentField + " = '" + parentId + "' ORDER BY "
                + cursorField + " ASC, Id ASC";
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
