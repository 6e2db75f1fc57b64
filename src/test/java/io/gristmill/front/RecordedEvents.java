package io.gristmill.front;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Events of a recorded-shape {@code GET /events} page ({@code src/test/resources/front/events/},
 * sources in its README), with {@code ${-PT50M}} resolved to Front's epoch seconds.
 */
public final class RecordedEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordedEvents() {
    }

    public static List<ObjectNode> of(String file, Instant now) {
        try (InputStream in = RecordedEvents.class.getResourceAsStream("/front/events/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture front/events/" + file);
            }
            JsonNode page = JSON.readTree(in);
            List<ObjectNode> events = new ArrayList<>();
            page.path("_results").forEach(event -> events.add((ObjectNode) resolve(event.deepCopy(), now)));
            return events;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode resolve(JsonNode node, Instant now) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                object.set(name, resolve(object.get(name), now));
            }
            return object;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, resolve(node.get(i), now));
            }
            return node;
        }
        if (node.isTextual() && node.asText().startsWith("${") && node.asText().endsWith("}")) {
            Instant at = now.plus(Duration.parse(node.asText().substring(2, node.asText().length() - 1)));
            return JSON.getNodeFactory().numberNode(BigDecimal.valueOf(at.toEpochMilli(), 3));
        }
        return node;
    }
}
