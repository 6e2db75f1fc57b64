package io.gristmill.connect;

import java.util.LinkedHashMap;
import java.util.Map;

import io.gristmill.access.Refusal;

/**
 * Body of {@code POST /connect/complete}: what the provider redirected the web app with — its
 * {@code state} and either a {@code code} or an {@code error} (with {@code errorDescription}).
 */
public record ConnectCompletion(String state, String code, String error, String errorDescription) {
    private static final int MAX_LENGTH = 4096;

    /** @throws Refusal when a field is missing or out of bounds */
    ConnectCompletion validated() {
        if (state == null || state.isBlank()) {
            throw Refusal.invalid("state is required: the state the provider sent back to the app");
        }
        if ((code == null || code.isBlank()) && (error == null || error.isBlank())) {
            throw Refusal.invalid("code or error is required: what the provider sent back to the app");
        }
        for (String field : new String[] {state, code, error, errorDescription}) {
            if (field != null && field.length() > MAX_LENGTH) {
                throw Refusal.invalid("state, code, error and errorDescription are at most " + MAX_LENGTH + " characters");
            }
        }
        return this;
    }

    /** The fields as the provider's redirect query names them. */
    Map<String, String> asQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("state", state);
        if (code != null) {
            query.put("code", code);
        }
        if (error != null) {
            query.put("error", error);
            query.put("error_description", errorDescription != null ? errorDescription : error);
        }
        return query;
    }

    @Override
    public String toString() {
        return "ConnectCompletion[code=***, error=" + error + "]";
    }
}
