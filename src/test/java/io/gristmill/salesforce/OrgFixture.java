package io.gristmill.salesforce;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.gristmill.salesforce.objects.SalesforceTime;
import io.gristmill.testing.SimulatedSalesforce;

/** Records as Salesforce returns them, put into the simulated org relative to "now". */
final class OrgFixture {
    static final String REP = "005000000000001AAA";
    static final String MANAGER = "005000000000002AAA";
    static final String OPP = "006000000000001AAA";
    static final String ACCOUNT = "001000000000001AAA";
    static final String CONTENT = "CONFIDENTIAL-BODY-TEXT";

    private final SimulatedSalesforce org;
    private final Instant now;

    OrgFixture(SimulatedSalesforce org, Instant now) {
        this.org = org;
        this.now = now;
    }

    String ago(Duration d) {
        return SalesforceTime.record(now.minus(d));
    }

    Map<String, Object> row(String id, Duration age, Object... pairs) {
        Map<String, Object> row = new HashMap<>();
        row.put("Id", id);
        row.put("IsDeleted", false);
        row.put("CreatedDate", ago(age));
        row.put("CreatedById", REP);
        row.put("LastModifiedDate", ago(age));
        row.put("SystemModstamp", ago(age));
        for (int i = 0; i < pairs.length; i += 2) {
            row.put((String) pairs[i], pairs[i + 1]);
        }
        return row;
    }

    /** A small company's week: users, an account, a won deal with its history, calls, e-mail, a meeting, a lead, a note. */
    OrgFixture week() {
        org.put("UserRole", row("00E000000000001AAA", Duration.ofDays(60), "Name", "Sales Rep EMEA"));
        org.put("Group", row("00G000000000001AAA", Duration.ofDays(60), "Name", "EMEA Sales", "DeveloperName", "EMEA_Sales", "Type", "Regular"));
        org.put("Group", row("00G000000000002AAA", Duration.ofDays(60), "Name", "Lead queue", "DeveloperName", "Lead_Queue", "Type", "Queue"));
        org.put("GroupMember", Map.of("Id", "011000000000001AAA", "GroupId", "00G000000000001AAA", "UserOrGroupId", REP,
                "SystemModstamp", ago(Duration.ofDays(20))));
        org.put("GroupMember", Map.of("Id", "011000000000002AAA", "GroupId", "00G000000000002AAA", "UserOrGroupId", REP,
                "SystemModstamp", ago(Duration.ofDays(20))));
        org.put("User", row(MANAGER, Duration.ofDays(30), "Email", "mia@acme.test", "Name", "Mia Manager", "IsActive", true,
                "UserType", "Standard", "Username", "mia@acme.test"));
        org.put("User", row(REP, Duration.ofDays(30), "Email", "rex@acme.test", "Name", "Rex Rep", "IsActive", true, "ManagerId", MANAGER,
                "UserRoleId", "00E000000000001AAA", "UserType", "Standard", "Username", "rex@acme.test"));
        // This org made Call Result a picklist; free text in it would not be kept.
        org.picklist("Task", "CallDisposition", "Connected", "Left voicemail", "No answer");
        org.put("Account", row(ACCOUNT, Duration.ofDays(6), "Name", "Acme Corp", "OwnerId", REP));
        org.put("Opportunity", row(OPP, Duration.ofDays(5), "Name", "Acme renewal", "AccountId", ACCOUNT, "OwnerId", REP,
                "StageName", "Closed Won", "Amount", 48000.0, "CloseDate", "2026-11-20", "IsClosed", true, "IsWon", true,
                "RecordTypeId", "012000000000001AAA", "LastModifiedDate", ago(Duration.ofDays(1)), "SystemModstamp", ago(Duration.ofDays(1))));
        org.put("OpportunityHistory", row("008000000000001AAA", Duration.ofDays(5), "OpportunityId", OPP, "StageName", "Prospecting", "Amount", 40000.0));
        org.put("OpportunityHistory", row("008000000000002AAA", Duration.ofDays(3), "OpportunityId", OPP, "StageName", "Negotiation", "Amount", 45000.0));
        org.put("OpportunityHistory", row("008000000000003AAA", Duration.ofDays(1), "OpportunityId", OPP, "StageName", "Closed Won", "Amount", 48000.0));
        org.put("OpportunityFieldHistory", row("017000000000001AAA", Duration.ofDays(2), "OpportunityId", OPP, "Field", "Amount",
                "DataType", "Currency", "OldValue", "45000", "NewValue", "48000"));
        org.put("OpportunityContactRole", row("00K000000000001AAA", Duration.ofDays(4), "OpportunityId", OPP, "ContactId",
                "003000000000001AAA", "Role", "Decision Maker", "IsPrimary", true));
        org.put("Lead", row("00Q000000000001AAA", Duration.ofDays(4), "OwnerId", REP, "Status", "Closed - Converted", "IsConverted", true,
                "ConvertedDate", "2026-11-19", "ConvertedAccountId", ACCOUNT, "ConvertedOpportunityId", OPP));
        org.put("Task", row("00T000000000001AAA", Duration.ofDays(2), "OwnerId", REP, "Subject", "Call " + CONTENT, "Description", CONTENT,
                "TaskSubtype", "Call", "CallType", "Outbound", "CallDurationInSeconds", 420, "CallDisposition", "Connected", "IsClosed", true,
                "Status", "Completed", "CompletedDateTime", ago(Duration.ofDays(2)), "WhatId", OPP));
        org.put("Task", row("00T000000000002AAA", Duration.ofDays(2), "OwnerId", REP, "Subject", "Email: " + CONTENT, "Description", CONTENT,
                "TaskSubtype", "Email", "IsClosed", true, "Status", "Completed", "WhatId", OPP));
        org.put("Task", row("00T000000000003AAA", Duration.ofDays(1), "OwnerId", REP, "Subject", "Send " + CONTENT, "TaskSubtype", "Task",
                "IsClosed", true, "Status", "Completed", "CompletedDateTime", ago(Duration.ofDays(1))));
        org.put("Event", row("00U000000000001AAA", Duration.ofDays(3), "OwnerId", REP, "Subject", "Demo " + CONTENT, "Description", CONTENT,
                "StartDateTime", ago(Duration.ofDays(3)), "EndDateTime", ago(Duration.ofDays(3).minusHours(1)), "DurationInMinutes", 60,
                "IsAllDayEvent", false, "EventSubtype", "Event"));
        org.put("Note", row("002000000000001AAA", Duration.ofDays(2), "OwnerId", REP, "ParentId", OPP, "Title", CONTENT, "Body", CONTENT,
                "IsPrivate", false));
        return this;
    }
}
