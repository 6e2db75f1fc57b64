package io.gristmill.salesforce.objects;

import static io.gristmill.salesforce.objects.Rows.pairs;
import static io.gristmill.salesforce.objects.Rows.str;

import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.gristmill.activity.Activity;

/** Amount and close date changes of a deal (other fields' values can be free text and are not read into activity). */
@Singleton
public class OpportunityFieldHistorySync extends OpportunityDetail {
    public OpportunityFieldHistorySync() {
        super(SalesforceObject.history("OpportunityFieldHistory", "OpportunityId", "Field",
                "DataType", "OldValue", "NewValue"), true);
    }

    @Override
    public List<String> trackedFields() {
        return List.of("Opportunity.Amount", "Opportunity.CloseDate");
    }

    @Override
    List<Activity> detail(String opportunityId, Map<String, Object> row, RowContext context) {
        String field = str(row, "Field");
        boolean amount = "Amount".equals(field);
        if (!amount && !"CloseDate".equals(field)) {
            return List.of();
        }
        return List.of(new Rows.Fact(amount ? "opportunity.amount_changed" : "opportunity.close_date_changed", opportunityId,
                str(row, "Id"), Rows.time(row, "CreatedDate"), pairs("opportunityId", opportunityId),
                amount ? Rows.measure("amount", row.get("NewValue")) : Map.of(),
                pairs("from", str(row, "OldValue"), "to", str(row, "NewValue"))).creditedTo("CreatedById", row, context));
    }
}
