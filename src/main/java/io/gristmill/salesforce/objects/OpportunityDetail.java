package io.gristmill.salesforce.objects;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.gristmill.activity.Activity;

/**
 * An object whose rows are about one deal ({@code OpportunityId}): they follow the deal's pipeline
 * selection and carry its name, account and currency, so they wait for Opportunity to sync first.
 */
abstract class OpportunityDetail extends SalesforceObjectSync {
    private final boolean dealHistory;

    /** @param dealHistory its rows are history of the deal: read again when the deal comes back from the recycle bin */
    OpportunityDetail(SalesforceObject definition, boolean dealHistory) {
        super(definition);
        this.dealHistory = dealHistory;
    }

    @Override
    public final Optional<String> restoredParentField() {
        return dealHistory ? Optional.of("OpportunityId") : Optional.empty();
    }

    @Override
    public List<String> prerequisites(boolean groupsSelected) {
        List<String> before = new ArrayList<>(super.prerequisites(groupsSelected));
        before.add("Opportunity");
        return before;
    }

    @Override
    public final List<Activity> map(Map<String, Object> row, RowContext context) {
        String opportunityId = String.valueOf(row.get("OpportunityId"));
        Optional<Map<String, String>> deal = context.opportunities().references(opportunityId);
        if (deal.isEmpty()) {
            return List.of(); // its pipeline is not selected (or the deal was never synced)
        }
        return detail(opportunityId, row, context).stream().map(a -> Opportunities.withReferences(a, deal.get())).toList();
    }

    /** What the row means for its deal. */
    abstract List<Activity> detail(String opportunityId, Map<String, Object> row, RowContext context);
}
