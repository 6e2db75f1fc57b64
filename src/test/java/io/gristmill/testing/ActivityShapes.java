package io.gristmill.testing;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

import io.gristmill.activity.Activity;

/**
 * An activity as the fixtures write it (every field, maps sorted, numbers as plain text), so a
 * mapper's output and a fixture's expectation compare whole.
 */
public final class ActivityShapes {
    private ActivityShapes() {
    }

    public static Map<String, Object> whole(Activity a) {
        Map<String, Object> map = new TreeMap<>();
        map.put("employeeId", a.employeeId().orElse(null));
        map.put("occurredAt", a.occurredAt().toString());
        map.put("kind", a.kind());
        map.put("sourceRecordId", a.sourceRecordId());
        map.put("sourceFactId", a.sourceFactId());
        map.put("references", new TreeMap<>(a.references()));
        Map<String, String> measures = new TreeMap<>();
        a.measures().forEach((name, value) -> measures.put(name, plain(value)));
        map.put("measures", measures);
        map.put("metadata", new TreeMap<>(a.metadata()));
        return map;
    }

    /** A fixture's expected activity (as read from JSON) in the same form. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> expected(Map<String, Object> fixture) {
        Map<String, Object> map = new TreeMap<>();
        fixture.forEach((key, value) -> {
            if (value instanceof Map<?, ?> inner) {
                Map<String, String> strings = new TreeMap<>();
                ((Map<String, Object>) inner).forEach((k, v) -> strings.put(k, v instanceof Number n ? plain(new BigDecimal(n.toString()))
                        : String.valueOf(v)));
                map.put(key, strings);
            } else {
                map.put(key, value);
            }
        });
        return map;
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
