package io.gristmill.salesforce.objects;

import static io.gristmill.salesforce.objects.Rows.pairs;
import static io.gristmill.salesforce.objects.Rows.str;

import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.gristmill.activity.Activity;

/** A contact added to a deal, with their role. */
@Singleton
public class OpportunityContactRoleSync extends OpportunityDetail {
    public OpportunityContactRoleSync() {
        super(SalesforceObject.modstamp("OpportunityContactRole", "OpportunityId", "ContactId",
                "Role", "IsPrimary"), false);
    }

    @Override
    List<Activity> detail(String opportunityId, Map<String, Object> row, RowContext context) {
        return List.of(new Rows.Fact("opportunity.contact_role_added", opportunityId, str(row, "Id"), Rows.time(row, "CreatedDate"),
                pairs("opportunityId", opportunityId, "contactId", str(row, "ContactId")), Map.of(),
                pairs("role", str(row, "Role"), "primary", str(row, "IsPrimary"))).creditedTo("CreatedById", row, context));
    }
}
