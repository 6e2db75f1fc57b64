package io.gristmill.activity;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One unit of work someone did, normalized from any source. Recaps read only this model.
 *
 * @param tenantId       the customer company
 * @param employeeId     who did it, or empty while unattributed (owner unknown, or acting after
 *                       deactivation); unattributed activity is kept so that it can be attributed later
 * @param occurredAt     when it happened at the source (never when Gristmill learned of it)
 * @param source         the tool it came from
 * @param kind           what happened, dotted lower case, e.g. {@code opportunity.stage_changed}
 * @param sourceRecordId the source record it is about (opportunity, conversation): updates and
 *                       deletes at the source find their activities through it
 * @param sourceFactId   the source's id of this very fact (history row, event id): with tenant,
 *                       source and kind it determines {@link #id()}, so re-reading a fact stores it once
 * @param references     ids and names a recap links to (account, opportunity name, conversation)
 * @param measures       numbers (amount, durationSeconds, responseSeconds)
 * @param metadata       a few more small fields (stage from/to, call disposition); never content
 */
public record Activity(
        String tenantId,
        Optional<String> employeeId,
        Instant occurredAt,
        Source source,
        String kind,
        String sourceRecordId,
        String sourceFactId,
        Map<String, String> references,
        Map<String, BigDecimal> measures,
        Map<String, String> metadata) {

    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");
    static final int MAX_MAP_ENTRIES = 24;
    static final int MAX_VALUE_LENGTH = 512;

    public Activity {
        requireText(tenantId, "tenantId");
        Objects.requireNonNull(employeeId, "employeeId (use Optional.empty() for unattributed)");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(source, "source");
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("kind must be dotted lower case like opportunity.stage_changed, got " + kind);
        }
        requireText(sourceRecordId, "sourceRecordId");
        requireText(sourceFactId, "sourceFactId");
        references = small(references, "references");
        measures = withoutNulls(measures);
        if (measures.size() > MAX_MAP_ENTRIES) {
            throw new IllegalArgumentException("measures has more than " + MAX_MAP_ENTRIES + " entries");
        }
        metadata = small(metadata, "metadata");
    }

    /** Deterministic id: the same source fact always maps to the same activity. */
    public String id() {
        return idOf(tenantId, source, kind, sourceFactId);
    }

    public boolean attributed() {
        return employeeId.isPresent();
    }

    public Activity attributedTo(Optional<String> employee) {
        return new Activity(tenantId, employee, occurredAt, source, kind, sourceRecordId, sourceFactId,
                references, measures, metadata);
    }

    public static String idOf(String tenantId, Source source, String kind, String sourceFactId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            // NUL separators: no two different tuples produce the same input.
            String input = tenantId + '\0' + source.id() + '\0' + kind + '\0' + sourceFactId;
            byte[] digest = sha.digest(input.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    private static Map<String, String> small(Map<String, String> given, String name) {
        Map<String, String> map = withoutNulls(given);
        if (map.size() > MAX_MAP_ENTRIES) {
            throw new IllegalArgumentException(name + " has more than " + MAX_MAP_ENTRIES + " entries");
        }
        map.forEach((key, value) -> {
            if (value.length() > MAX_VALUE_LENGTH) {
                throw new IllegalArgumentException(name + "." + key + " is longer than " + MAX_VALUE_LENGTH
                        + " characters: activity keeps metadata, not content");
            }
        });
        return map;
    }

    /** Sources often lack a field (no amount, no disposition): an absent value is simply left out. */
    private static <V> Map<String, V> withoutNulls(Map<String, V> map) {
        if (map == null) {
            return Map.of();
        }
        java.util.Map<String, V> copy = new java.util.TreeMap<>();
        map.forEach((key, value) -> {
            if (key != null && value != null) {
                copy.put(key, value);
            }
        });
        return java.util.Collections.unmodifiableMap(copy);
    }
}
