package io.gristmill.salesforce.objects;

import static io.gristmill.salesforce.objects.Rows.pairs;
import static io.gristmill.salesforce.objects.Rows.str;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.gristmill.activity.Activity;

/** Stage moves of a deal; the row Salesforce writes with a new deal sets its first stage. */
@Singleton
public class OpportunityHistorySync extends OpportunityDetail {
    public OpportunityHistorySync() {
        super(SalesforceObject.history("OpportunityHistory", "OpportunityId", "StageName",
                "Amount", "CloseDate"), true);
    }

    /** A deal's creation writes a history row this close to the deal's own creation (same transaction). */
    static final Duration CREATION_ROW = Duration.ofSeconds(60);

    @Override
    List<Activity> detail(String opportunityId, Map<String, Object> row, RowContext context) {
        String to = str(row, "StageName");
        if (to == null) {
            return List.of();
        }
        Opportunities deals = context.opportunities();
        Optional<String> from = deals.previousStage(opportunityId, row);
        Instant at = Rows.time(row, "CreatedDate");
        boolean creation = from.isEmpty() && deals.created(opportunityId)
                .filter(created -> Duration.between(created, at).abs().compareTo(CREATION_ROW) <= 0).isPresent();
        Rows.Fact fact;
        if (creation) {
            // Salesforce writes a history row when a deal is created: its first stage, not a move.
            fact = new Rows.Fact(Opportunities.STAGE_SET, opportunityId, str(row, "Id"), at, pairs("opportunityId", opportunityId),
                    Rows.measure("amount", row.get("Amount")), pairs("toStage", to));
        } else if (!from.map(to::equals).orElse(false)) {
            fact = new Rows.Fact(Opportunities.STAGE_CHANGED, opportunityId, str(row, "Id"), at, pairs("opportunityId", opportunityId),
                    Rows.measure("amount", row.get("Amount")), pairs("fromStage", from.orElse(null), "toStage", to));
        } else {
            return List.of(); // the same stage: a change of amount, probability or close date
        }
        Activity moved = fact.creditedTo("CreatedById", row, context);
        deals.stageSeen(opportunityId, to);
        return List.of(moved);
    }
}
