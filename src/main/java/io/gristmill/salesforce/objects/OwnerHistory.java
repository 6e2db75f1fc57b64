package io.gristmill.salesforce.objects;

import static io.gristmill.salesforce.objects.Rows.pairs;
import static io.gristmill.salesforce.objects.Rows.str;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.gristmill.activity.Activity;

/**
 * A record's field history ({@code AccountHistory}, {@code ContactHistory}, {@code LeadHistory}):
 * values can be free text, so only owner changes (and what {@link #kindOf} adds) become activity.
 */
abstract class OwnerHistory extends SalesforceObjectSync {
    /** {@code account}, {@code contact}, {@code lead}. */
    private final String subject;
    private final String parent;
    private final String parentField;

    OwnerHistory(String parent) {
        super(SalesforceObject.history(parent + "History", parent + "Id", "Field", "DataType", "OldValue", "NewValue"));
        this.parent = parent;
        this.parentField = parent + "Id";
        this.subject = parent.toLowerCase(Locale.ROOT);
    }

    /** History rows name a lookup by its relationship ({@code Owner}); the tracked field is {@code OwnerId}. */
    @Override
    public List<String> trackedFields() {
        return List.of(parent + ".OwnerId");
    }

    /** The activity kind of a change of {@code field}, or null when it is not read. */
    String kindOf(String field, String subjectName) {
        return "Owner".equals(field) ? subjectName + ".owner_changed" : null;
    }

    @Override
    public List<Activity> map(Map<String, Object> row, RowContext context) {
        String field = str(row, "Field");
        String kind = kindOf(field, subject);
        // A change of a lookup field (Owner) writes two rows with the same Field: one with ids
        // (DataType EntityId) and one with display names (Text). One change, one activity: the ids.
        if (kind == null || "Owner".equals(field) && !Rows.lookupIdsRow(row)) {
            return List.of();
        }
        String parentId = str(row, parentField);
        return List.of(new Rows.Fact(kind, parentId, str(row, "Id"), Rows.time(row, "CreatedDate"), pairs(subject + "Id", parentId),
                Map.of(), pairs("from", str(row, "OldValue"), "to", str(row, "NewValue"))).creditedTo("CreatedById", row, context));
    }
}
