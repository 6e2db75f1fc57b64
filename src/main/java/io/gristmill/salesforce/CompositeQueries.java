package io.gristmill.salesforce;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The body of a composite request made only of SOQL reads: up to five {@code GET queryAll}
 * subrequests (Salesforce allows five queries per composite), counted as one API call. It cannot
 * be built with any other method or URL, which keeps composite calls read-only.
 */
public record CompositeQueries(boolean allOrNone, List<Map<String, String>> compositeRequest) {
    public static final int MAX_QUERIES = 5;

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
