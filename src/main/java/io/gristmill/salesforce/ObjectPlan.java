package io.gristmill.salesforce;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.gristmill.salesforce.objects.SalesforceObjectSync;
import io.gristmill.salesforce.objects.SalesforceTime;

/**
 * What one poll reads of one object: the fields the org has of those it wants, the org's values
 * of its picklist-only fields, and the window {@code [from, to)} after the stored cursor.
 */
record ObjectPlan(SalesforceObjectSync object, List<String> fields, Map<String, List<String>> picklists, Optional<Instant> cursor,
        Instant from, Instant to) {
    ObjectPlan {
        fields = List.copyOf(fields);
        picklists = Map.copyOf(picklists);
    }

    String name() {
        return object.name();
    }

    boolean snapshot() {
        return object.definition().snapshot();
    }

    String soql() {
        return object.definition().soql(fields, SalesforceTime.soql(from), SalesforceTime.soql(to));
    }

    ObjectPlan window(Instant windowFrom, Instant windowTo) {
        return new ObjectPlan(object, fields, picklists, cursor, windowFrom, windowTo);
    }

    /** A row without the values of picklist-only fields that are not one of the org's picklist values. */
    Map<String, Object> withoutFreeText(Map<String, Object> row) {
        Map<String, Object> kept = row;
        for (String field : object.definition().picklistOnly()) {
            Object value = row.get(field);
            if (value != null && !picklists.getOrDefault(field, List.of()).contains(value.toString())) {
                if (kept == row) {
                    kept = new HashMap<>(row);
                }
                kept.remove(field);
            }
        }
        return kept;
    }
}
