package io.gristmill.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP API call, decoded: path parameters from the route template, query parameters
 * (repeated ones kept), lower-cased header names, the body as raw bytes (base64 undone). Cookies
 * are not read: callers prove who they are with the bearer the JWT authorizer checked.
 */
public record ApiRequest(
        String method,
        String path,
        Map<String, String> pathParameters,
        Map<String, List<String>> query,
        Map<String, String> headers,
        byte[] body,
        Map<String, String> claims,
        String requestId) {

    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("Route has no path parameter " + name);
        }
        return value;
    }

    public Optional<String> queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }
}
