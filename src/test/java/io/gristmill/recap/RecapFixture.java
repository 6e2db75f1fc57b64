package io.gristmill.recap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gristmill.activity.Activity;
import io.gristmill.activity.Source;

/**
 * The hand-computed fixture week {@code recap/fixture-week-2026-W40.json}: Ada's Salesforce and
 * Front work in 2026-W40 in Europe/Berlin, with activity just outside the week, someone else's
 * work, and unattributed customer messages. The expected figures are worked out in
 * {@link RecapCalculatorTest}.
 */
final class RecapFixture {
    static final String ADA = "emp-ada";
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final IsoWeek WEEK = IsoWeek.parse("2026-W40");
    static final Instant FROM = Instant.parse("2026-09-27T22:00:00Z");
    static final Instant TO = Instant.parse("2026-10-04T22:00:00Z");

    private RecapFixture() {
    }

    static List<Activity> activities(String tenantId) {
        try (InputStream in = RecapFixture.class.getResourceAsStream("/recap/fixture-week-2026-W40.json")) {
            List<Activity> activities = new ArrayList<>();
            for (JsonNode node : new ObjectMapper().readTree(in)) {
                Map<String, BigDecimal> measures = new HashMap<>();
                node.get("measures").fields().forEachRemaining(e -> measures.put(e.getKey(), e.getValue().decimalValue()));
                activities.add(new Activity(tenantId,
                        node.get("employeeId").isNull() ? Optional.empty() : Optional.of(node.get("employeeId").asText()),
                        Instant.parse(node.get("occurredAt").asText()), Source.fromId(node.get("source").asText()),
                        node.get("kind").asText(), node.get("sourceRecordId").asText(), node.get("sourceFactId").asText(),
                        strings(node.get("references")), measures, strings(node.get("metadata"))));
            }
            return activities;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every Front conversation's stored activity, as the store's source-record index returns it. */
    static Map<String, List<Activity>> conversations(List<Activity> activities) {
        Map<String, List<Activity>> conversations = new HashMap<>();
        activities.stream().filter(a -> a.source() == Source.FRONT)
                .forEach(a -> conversations.computeIfAbsent(a.sourceRecordId(), c -> new ArrayList<>()).add(a));
        return conversations;
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new HashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
