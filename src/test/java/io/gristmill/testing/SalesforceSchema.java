package io.gristmill.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The standard fields of the objects Gristmill reads (shared/reference/salesforce-api.md). */
final class SalesforceSchema {
    private static final List<String> COMMON = List.of("Id", "IsDeleted", "CreatedDate", "CreatedById", "LastModifiedDate", "SystemModstamp");

    private SalesforceSchema() {
    }

    static Map<String, Set<String>> standardFields() {
        Map<String, Set<String>> fields = new HashMap<>();
        put(fields, "Opportunity", "AccountId", "OwnerId", "Name", "StageName", "Amount", "CloseDate", "Probability",
                "ForecastCategoryName", "IsClosed", "IsWon", "Type", "LeadSource", "NextStep", "RecordTypeId", "CurrencyIsoCode");
        history(fields, "OpportunityHistory", "OpportunityId", "StageName", "Amount", "CloseDate", "Probability", "ForecastCategory",
                "PrevAmount", "PrevCloseDate");
        history(fields, "OpportunityFieldHistory", "OpportunityId", "Field", "DataType", "OldValue", "NewValue");
        history(fields, "AccountHistory", "AccountId", "Field", "DataType", "OldValue", "NewValue");
        history(fields, "ContactHistory", "ContactId", "Field", "DataType", "OldValue", "NewValue");
        history(fields, "LeadHistory", "LeadId", "Field", "DataType", "OldValue", "NewValue");
        put(fields, "OpportunityContactRole", "OpportunityId", "ContactId", "Role", "IsPrimary");
        put(fields, "Account", "Name", "OwnerId", "Type", "Industry");
        put(fields, "Contact", "AccountId", "OwnerId", "Email");
        put(fields, "Lead", "Status", "OwnerId", "IsConverted", "ConvertedDate", "ConvertedAccountId", "ConvertedContactId",
                "ConvertedOpportunityId");
        put(fields, "Task", "Subject", "Status", "IsClosed", "ActivityDate", "CompletedDateTime", "WhoId", "WhatId", "AccountId",
                "OwnerId", "Type", "TaskSubtype", "CallType", "CallDurationInSeconds", "CallDisposition", "Description");
        put(fields, "Event", "StartDateTime", "EndDateTime", "DurationInMinutes", "IsAllDayEvent", "EventSubtype", "WhoId", "WhatId",
                "OwnerId", "Subject", "Description");
        put(fields, "Note", "ParentId", "Title", "Body", "IsPrivate", "OwnerId");
        put(fields, "Case", "CaseNumber", "Subject", "Description", "Status", "Priority", "Origin", "Type", "Reason", "IsClosed",
                "ClosedDate", "IsEscalated", "AccountId", "ContactId", "OwnerId");
        put(fields, "UserRole", "Name", "ParentRoleId");
        put(fields, "Group", "Name", "DeveloperName", "Type");
        fields.put("GroupMember", new java.util.HashSet<>(List.of("Id", "GroupId", "UserOrGroupId", "SystemModstamp")));
        fields.put("Organization", new java.util.HashSet<>(List.of("Id", "Name", "DefaultCurrencyIsoCode", "IsSandbox")));
        put(fields, "User", "IsActive", "Email", "Username", "Name", "ManagerId", "UserRoleId", "Title", "Department", "UserType");
        return fields;
    }

    private static void put(Map<String, Set<String>> fields, String type, String... own) {
        java.util.Set<String> all = new java.util.HashSet<>(COMMON);
        all.addAll(List.of(own));
        fields.put(type, all);
    }

    /** History objects have no SystemModstamp and no LastModifiedDate. */
    private static void history(Map<String, Set<String>> fields, String type, String... own) {
        java.util.Set<String> all = new java.util.HashSet<>(List.of("Id", "IsDeleted", "CreatedDate", "CreatedById"));
        all.addAll(List.of(own));
        fields.put(type, all);
    }
}
