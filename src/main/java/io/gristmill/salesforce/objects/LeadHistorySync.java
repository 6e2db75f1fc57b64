package io.gristmill.salesforce.objects;

import java.util.List;

import jakarta.inject.Singleton;

/** Owner and status changes of leads (a lead's status is a picklist, not free text). */
@Singleton
public class LeadHistorySync extends OwnerHistory {
    public LeadHistorySync() {
        super("Lead");
    }

    @Override
    public List<String> trackedFields() {
        return List.of("Lead.OwnerId", "Lead.Status");
    }

    @Override
    String kindOf(String field, String subjectName) {
        return "Status".equals(field) ? "lead.status_changed" : super.kindOf(field, subjectName);
    }
}
