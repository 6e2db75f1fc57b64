package io.gristmill.outbound;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a provider's response body that may be empty or not JSON at all (an HTML error page from
 * a proxy, a truncated body): such a body reads as an empty object, so callers decide by status
 * and by the fields they find instead of failing on the parse.
 */
public final class LenientJson {
    private LenientJson() {
    }

    public static JsonNode read(ObjectMapper json, String text) {
        if (text == null || text.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }
}
