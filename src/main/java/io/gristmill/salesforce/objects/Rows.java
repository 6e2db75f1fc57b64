package io.gristmill.salesforce.objects;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.gristmill.activity.Activity;
import io.gristmill.activity.Source;

/** Reading values out of a Salesforce row and building the activity a row means. */
public final class Rows {
    private static final java.util.regex.Pattern RECORD_ID = java.util.regex.Pattern.compile("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?");

    private Rows() {
    }

    /** A fact of one row: credited to the user in {@code actorField}, whose id is kept as {@code salesforceUserId}. */
    public record Fact(String kind, String record, String factId, Instant at, Map<String, String> references,
            Map<String, BigDecimal> measures, Map<String, String> metadata) {
        public Activity creditedTo(String actorField, Map<String, Object> row, RowContext context) {
            String actor = str(row, actorField);
            Optional<String> employee = actor == null ? Optional.empty() : context.employeeFor(actor, at);
            Map<String, String> meta = new HashMap<>(metadata);
            if (actor != null) {
                meta.put("salesforceUserId", actor);
            }
            return new Activity(context.tenantId(), employee, at, Source.SALESFORCE, kind, record, factId, references, measures, meta);
        }
    }

    public static String str(Map<String, Object> row, String field) {
        Object value = row.get(field);
        return value == null ? null : value.toString();
    }

    public static boolean isTrue(Map<String, Object> row, String field) {
        Object value = row.get(field);
        return Boolean.TRUE.equals(value) || "true".equals(String.valueOf(value));
    }

    public static Instant time(Map<String, Object> row, String field) {
        return SalesforceTime.parse(row.get(field));
    }

    /** Pairs of name and value; pairs whose value is null are left out. */
    public static Map<String, String> pairs(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                map.put(pairs[i], pairs[i + 1]);
            }
        }
        return map;
    }

    /** One measure, or none when the value is missing or not a number. */
    public static Map<String, BigDecimal> measure(String name, Object value) {
        if (value == null) {
            return Map.of();
        }
        try {
            return Map.of(name, new BigDecimal(value.toString()));
        } catch (NumberFormatException notANumber) {
            return Map.of();
        }
    }

    public static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** Whether a lookup field's history row is the one with ids (not the one with display names). */
    public static boolean lookupIdsRow(Map<String, Object> row) {
        Object dataType = row.get("DataType");
        if (dataType != null) {
            return "EntityId".equals(dataType.toString());
        }
        // Without DataType: the ids row holds record ids on both sides (or none on one).
        String oldValue = str(row, "OldValue");
        String newValue = str(row, "NewValue");
        return (oldValue == null || RECORD_ID.matcher(oldValue).matches()) && (newValue == null || RECORD_ID.matcher(newValue).matches());
    }

    public static boolean isRecordId(String value) {
        return value != null && RECORD_ID.matcher(value).matches();
    }
}
