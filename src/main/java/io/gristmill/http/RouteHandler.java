package io.gristmill.http;

import io.gristmill.access.Caller;

/** Handles one route; throws {@link ApiException} for the caller's mistakes. */
@FunctionalInterface
public interface RouteHandler {
    ApiResult handle(ApiRequest request, Caller caller);
}
