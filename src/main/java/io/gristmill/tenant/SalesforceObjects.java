package io.gristmill.tenant;

import java.util.List;

/** The Salesforce objects Gristmill knows how to read (see shared/reference/salesforce-api.md). */
public final class SalesforceObjects {
    public static final List<String> SUPPORTED = List.of(
            "Opportunity", "OpportunityHistory", "OpportunityFieldHistory", "OpportunityContactRole",
            "Account", "AccountHistory", "Contact", "ContactHistory", "Lead", "LeadHistory",
            "Task", "Event", "Note", "User", "UserRole", "Group", "GroupMember");

    private SalesforceObjects() {
    }
}
