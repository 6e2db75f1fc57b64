package io.gristmill.http;

import java.util.Map;

/**
 * What a route handler answers: a status, a body to be written as JSON (or a string written as
 * is, for other content types), and extra headers.
 */
public record ApiResult(int status, Object body, String contentType, Map<String, String> headers) {

    public static ApiResult ok(Object body) {
        return new ApiResult(200, body, "application/json", Map.of());
    }

    public static ApiResult created(Object body) {
        return new ApiResult(201, body, "application/json", Map.of());
    }

    public static ApiResult noContent() {
        return new ApiResult(204, null, null, Map.of());
    }
}
