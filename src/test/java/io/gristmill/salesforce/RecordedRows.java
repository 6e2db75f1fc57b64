package io.gristmill.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gristmill.salesforce.objects.SalesforceTime;
import io.gristmill.testing.SimulatedSalesforce;

/**
 * Rows of a recorded-shape query result ({@code src/test/resources/salesforce/}, see its README),
 * with {@code ${-P3D}} (a datetime that long before now), {@code ${date:-P3D}} (a date) and
 * {@code ${day:-P3D}} (midnight GMT of that day, as all-day events are stored) resolved.
 */
final class RecordedRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordedRows() {
    }

    /** Every record of the file, in order, as the simulated org stores it (without {@code attributes}). */
    static List<Map<String, Object>> of(String file, Instant now) {
        try (InputStream in = RecordedRows.class.getResourceAsStream("/salesforce/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture salesforce/" + file);
            }
            Map<String, Object> page = JSON.readValue(in, new TypeReference<Map<String, Object>>() {
            });
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Object record : (List<?>) page.get("records")) {
                Map<String, Object> row = new LinkedHashMap<>();
                ((Map<?, ?>) record).forEach((key, value) -> row.put(key.toString(), resolve(value, now)));
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The type a row is of ({@code attributes.type}). */
    static String type(Map<String, Object> row) {
        return ((Map<?, ?>) row.get("attributes")).get("type").toString();
    }

    /** Puts every row of the file into the org (a later row of the same id replaces an earlier one). */
    static void load(SimulatedSalesforce org, String file, Instant now) {
        of(file, now).forEach(row -> put(org, row));
    }

    static void put(SimulatedSalesforce org, Map<String, Object> row) {
        Map<String, Object> stored = new LinkedHashMap<>(row);
        stored.remove("attributes");
        org.put(type(row), stored);
    }

    private static Object resolve(Object value, Instant now) {
        if (!(value instanceof String text) || !text.startsWith("${") || !text.endsWith("}")) {
            return value;
        }
        String spec = text.substring(2, text.length() - 1);
        String form = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : "datetime";
        Instant at = now.plus(Duration.parse(spec.substring(spec.indexOf(':') + 1)));
        return switch (form) {
            case "date" -> at.atOffset(ZoneOffset.UTC).toLocalDate().toString();
            case "day" -> SalesforceTime.record(at.truncatedTo(ChronoUnit.DAYS));
            default -> SalesforceTime.record(at);
        };
    }
}
