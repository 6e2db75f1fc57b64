package io.gristmill.testing;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.gristmill.salesforce.objects.SalesforceTime;

/** Rows as the simulated org stores them: the system fields every object has, stamped {@code at}, plus the given fields. */
public final class SalesforceRows {
    private SalesforceRows() {
    }

    public static Map<String, Object> row(String id, Instant at, Object... pairs) {
        Map<String, Object> row = new HashMap<>();
        String stamp = SalesforceTime.record(at);
        row.putAll(Map.of("Id", id, "IsDeleted", false, "CreatedDate", stamp, "CreatedById", "005000000000001AAA",
                "LastModifiedDate", stamp, "SystemModstamp", stamp));
        for (int i = 0; i < pairs.length; i += 2) {
            row.put((String) pairs[i], pairs[i + 1]);
        }
        return row;
    }
}
