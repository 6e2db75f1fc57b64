package io.gristmill.salesforce;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The body of a composite request made only of reads, counted as one API call: up to five
 * {@code GET queryAll} subrequests (Salesforce allows five queries per composite), or up to 25
 * {@code GET describe} subrequests (its limit on subrequests). It cannot be built with any other
 * method or URL, which keeps composite calls read-only.
 */
public record CompositeQueries(boolean allOrNone, List<Map<String, String>> compositeRequest) {
    public static final int MAX_QUERIES = 5;
    public static final int MAX_SUBREQUESTS = 25;
    private static final java.util.regex.Pattern OBJECT_NAME = java.util.regex.Pattern.compile("\\w+");

    /** Describes of up to 25 objects, each under its own name as reference id. */
    public static CompositeQueries describes(String version, List<String> objects) {
        if (objects.isEmpty() || objects.size() > MAX_SUBREQUESTS) {
            throw new IllegalArgumentException("A composite request holds 1 to " + MAX_SUBREQUESTS + " describes");
        }
        if (!objects.stream().allMatch(name -> OBJECT_NAME.matcher(name).matches())) {
            throw new IllegalArgumentException("Not object names: " + objects);
        }
        return new CompositeQueries(false, objects.stream()
                .map(name -> Map.of("method", "GET", "url", "/services/data/" + version + "/sobjects/" + name + "/describe", "referenceId", name))
                .toList());
    }

    /** The request body as JSON text, built as a tree: what is sent never depends on how a JSON provider introspects this record. */
    public String json() {
        com.fasterxml.jackson.databind.node.ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        body.put("allOrNone", allOrNone);
        com.fasterxml.jackson.databind.node.ArrayNode requests = body.putArray("compositeRequest");
        compositeRequest.forEach(request -> {
            com.fasterxml.jackson.databind.node.ObjectNode sub = requests.addObject();
            request.forEach(sub::put);
        });
        return body.toString();
    }

    /** @param queries referenceId → SOQL */
    public static CompositeQueries of(String version, Map<String, String> queries) {
        if (queries.isEmpty() || queries.size() > MAX_QUERIES) {
            throw new IllegalArgumentException("A composite request holds 1 to " + MAX_QUERIES + " queries");
        }
        List<Map<String, String>> requests = queries.entrySet().stream()
                .map(e -> Map.of("method", "GET",
                        "url", "/services/data/" + version + "/queryAll?q=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8),
                        "referenceId", e.getKey()))
                .toList();
        return new CompositeQueries(false, requests);
    }
}
