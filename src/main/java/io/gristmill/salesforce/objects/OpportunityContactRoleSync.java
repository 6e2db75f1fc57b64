package io.gristmill.salesforce.objects;

import static io.gristmill.salesforce.objects.Rows.pairs;
import static io.gristmill.salesforce.objects.Rows.str;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.activity.Activity;

/** A contact added to a deal, with their role. */
@ApplicationScoped
public class OpportunityContactRoleSync extends OpportunityDetail {
    private static final SalesforceObject DEFINITION = SalesforceObject.modstamp("OpportunityContactRole", "OpportunityId", "ContactId",
            "Role", "IsPrimary");

    @Override
    public SalesforceObject definition() {
        return DEFINITION;
    }

    @Override
    List<Activity> detail(String opportunityId, Map<String, Object> row, RowContext context) {
        return List.of(new Rows.Fact("opportunity.contact_role_added", opportunityId, str(row, "Id"), Rows.time(row, "CreatedDate"),
                pairs("opportunityId", opportunityId, "contactId", str(row, "ContactId")), Map.of(),
                pairs("role", str(row, "Role"), "primary", str(row, "IsPrimary"))).creditedTo("CreatedById", row, context));
    }
}
