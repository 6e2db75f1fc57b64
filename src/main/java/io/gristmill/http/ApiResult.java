package io.gristmill.http;

import java.util.Map;

/**
 * What a route handler answers: a status, a body to be written as JSON (or a string written as
 * is, for other content types) and extra headers.
 */
public record ApiResult(int status, Object body, String contentType, Map<String, String> headers) {

    public static ApiResult html(int status, String page) {
        return new ApiResult(status, page, "text/html; charset=utf-8", Map.of("cache-control", "no-store"));
    }

    public static ApiResult ok(Object body) {
        return new ApiResult(200, body, "application/json", Map.of());
    }

    public static ApiResult created(Object body) {
        return new ApiResult(201, body, "application/json", Map.of());
    }

    /** Work that runs in a time budget: 200 when it is finished, else 202 (send the request again to continue). */
    public static ApiResult finishedOrAccepted(boolean finished, Object body) {
        return finished ? ok(body) : new ApiResult(202, body, "application/json", Map.of("retry-after", "1"));
    }

    public static ApiResult noContent() {
        return new ApiResult(204, null, null, Map.of());
    }
}
