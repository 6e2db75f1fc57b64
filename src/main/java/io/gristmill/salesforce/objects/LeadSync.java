package io.gristmill.salesforce.objects;

import static io.gristmill.salesforce.objects.Rows.pairs;
import static io.gristmill.salesforce.objects.Rows.str;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.gristmill.activity.Activity;

/** A new lead, and its conversion (dated by ConvertedDate), both credited to its owner. */
@Singleton
public class LeadSync extends SalesforceObjectSync {
    public LeadSync() {
        super(SalesforceObject.modstamp("Lead", "OwnerId", "Status", "IsConverted",
                "ConvertedDate", "ConvertedAccountId", "ConvertedOpportunityId", "LastModifiedDate"));
    }

    @Override
    public List<Activity> map(Map<String, Object> row, RowContext context) {
        String id = str(row, "Id");
        List<Activity> out = new ArrayList<>();
        out.add(new Rows.Fact("lead.created", id, id, Rows.time(row, "CreatedDate"), pairs("leadId", id), Map.of(),
                pairs("status", str(row, "Status"))).creditedTo("OwnerId", row, context));
        if (Boolean.TRUE.equals(row.get("IsConverted"))) {
            Instant at = Optional.ofNullable(SalesforceTime.parseDate(row.get("ConvertedDate"))).orElse(context.now());
            out.add(new Rows.Fact("lead.converted", id, id + ":converted", at, pairs("leadId", id, "accountId",
                    str(row, "ConvertedAccountId"), "opportunityId", str(row, "ConvertedOpportunityId")), Map.of(), Map.of())
                    .creditedTo("OwnerId", row, context));
        }
        return out;
    }
}
