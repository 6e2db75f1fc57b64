package io.gristmill.salesforce.objects;

import static io.gristmill.salesforce.objects.Rows.pairs;
import static io.gristmill.salesforce.objects.Rows.str;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.gristmill.activity.Activity;

/**
 * Support cases opened and closed, credited to the case's owner (a case owned by a queue stays
 * unattributed: no employee has a queue's id). Subject and Description are never read. Each close
 * is its own fact, named by its ClosedDate, so a case reopened and closed again counts twice and a
 * re-read row stores nothing new.
 */
@Singleton
public class CaseSync extends SalesforceObjectSync {
    public CaseSync() {
        super(SalesforceObject.modstamp("Case", "OwnerId", "AccountId", "ContactId",
                "Status", "Priority", "Origin", "IsClosed", "ClosedDate", "LastModifiedDate"));
    }

    @Override
    public List<Activity> map(Map<String, Object> row, RowContext context) {
        String id = str(row, "Id");
        Instant opened = Rows.time(row, "CreatedDate");
        Map<String, String> refs = pairs("caseId", id, "accountId", str(row, "AccountId"), "contactId", str(row, "ContactId"));
        Map<String, String> meta = pairs("status", str(row, "Status"), "priority", str(row, "Priority"), "origin", str(row, "Origin"));
        List<Activity> out = new ArrayList<>();
        out.add(new Rows.Fact("salesforce.case.opened", id, id, opened, refs, Map.of(), meta).creditedTo("OwnerId", row, context));
        if (Rows.isTrue(row, "IsClosed")) {
            Instant closed = Optional.ofNullable(Rows.time(row, "ClosedDate")).or(() -> Optional.ofNullable(Rows.time(row, "LastModifiedDate")))
                    .orElse(context.now());
            Map<String, BigDecimal> open = opened == null || closed.isBefore(opened) ? Map.of()
                    : Map.of("secondsOpen", BigDecimal.valueOf(Duration.between(opened, closed).toSeconds()));
            out.add(new Rows.Fact("salesforce.case.closed", id, id + ":closed@" + closed, closed, refs, open, meta)
                    .creditedTo("OwnerId", row, context));
        }
        return out;
    }
}
