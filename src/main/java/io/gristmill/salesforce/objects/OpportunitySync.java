package io.gristmill.salesforce.objects;

import static io.gristmill.salesforce.objects.Rows.pairs;
import static io.gristmill.salesforce.objects.Rows.str;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.gristmill.activity.Activity;

/**
 * Deals: created, won or lost (one fact per time the deal is closed), reopened. Only deals of the
 * selected pipelines (record types) become activity; their history follows them.
 */
@Singleton
public class OpportunitySync extends SalesforceObjectSync {
    public OpportunitySync() {
        super(SalesforceObject.modstamp("Opportunity", "AccountId", "OwnerId", "Name",
                "StageName", "Amount", "CloseDate", "IsClosed", "IsWon", "RecordTypeId", "CurrencyIsoCode", "LastModifiedDate"));
    }

    @Override
    public int readOrder() {
        return PARENTS;
    }

    /** A single-currency org's deals have no CurrencyIsoCode: they carry the org's, read once up front. */
    @Override
    public void beforeReading(List<String> fields, RowContext context) {
        if (!fields.contains("CurrencyIsoCode")) {
            context.readOrgCurrency();
        }
    }

    @Override
    public List<Activity> map(Map<String, Object> row, RowContext context) {
        Map<String, Object> withCurrency = withOrgCurrency(row, context);
        String id = str(row, "Id");
        if (!context.opportunities().read(id, withCurrency)) {
            return List.of();
        }
        Map<String, String> refs = pairs("opportunityId", id, "opportunityName", str(row, "Name"), "accountId", str(row, "AccountId"),
                "currency", str(withCurrency, "CurrencyIsoCode"));
        Map<String, BigDecimal> amount = Rows.measure("amount", row.get("Amount"));
        List<Activity> out = new ArrayList<>();
        out.add(new Rows.Fact("opportunity.created", id, id, Rows.time(row, "CreatedDate"), refs, amount,
                pairs("stage", str(row, "StageName"))).creditedTo("OwnerId", row, context));
        // Closing is one fact per time the deal is closed, whatever its Close Date says: a closed
        // deal's Close Date can be corrected after signing, and the deal stays closed.
        int closing = context.opportunities().reopens(id) + 1;
        // The first poll that sees it closed dates it: a poll runs every few minutes.
        Instant changedAt = Optional.ofNullable(Rows.time(row, "LastModifiedDate")).orElse(context.now());
        if (Boolean.TRUE.equals(row.get("IsClosed"))) {
            String kind = Boolean.TRUE.equals(row.get("IsWon")) ? "opportunity.won" : "opportunity.lost";
            out.add(new Rows.Fact(kind, id, id + ":closed#" + closing, changedAt, refs, amount,
                    pairs("stage", str(row, "StageName"), "closeDate", str(row, "CloseDate"))).creditedTo("OwnerId", row, context));
        } else if (context.opportunities().closed(id)) {
            // Open again after a close: the next close is a new fact.
            out.add(new Rows.Fact(Opportunities.REOPENED, id, id + ":reopened#" + closing, changedAt, refs, Map.of(),
                    pairs("stage", str(row, "StageName"))).creditedTo("OwnerId", row, context));
        }
        return out;
    }

    @Override
    public void deleted(String id, RowContext context) {
        super.deleted(id, context);
        context.opportunities().deleted(id);
    }

    private static Map<String, Object> withOrgCurrency(Map<String, Object> row, RowContext context) {
        if (row.get("CurrencyIsoCode") != null) {
            return row;
        }
        Optional<String> currency = context.orgCurrency();
        if (currency.isEmpty()) {
            return row;
        }
        Map<String, Object> copy = new HashMap<>(row);
        copy.put("CurrencyIsoCode", currency.get());
        return copy;
    }
}
