package io.gristmill.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * Front's webhooks arrive through an API Gateway REST API (the kind AWS WAF can guard with a
 * rate rule per source address), whose Lambda proxy events are payload 1.0; the JWT routes use an
 * HTTP API (payload 2.0). This turns a 1.0 request into the 2.0 shape the router reads, and the
 * router's answer into the 1.0 response a REST API expects ({@code statusCode}, {@code headers},
 * {@code body}, {@code isBase64Encoded}; nothing else, or API Gateway answers 502).
 */
public final class RestApiEvents {
    private RestApiEvents() {
    }

    /** Whether a Lambda event is a REST API (payload 1.0) proxy request. */
    public static boolean isRestApiRequest(Map<String, Object> event) {
        return event.get("httpMethod") instanceof String && !"2.0".equals(event.get("version"));
    }

    @SuppressWarnings("unchecked")
    public static APIGatewayV2HTTPEvent toHttpApiEvent(Map<String, Object> event) {
        Map<String, String> headers = new HashMap<>();
        Object single = event.get("headers");
        if (single instanceof Map<?, ?> map) {
            map.forEach((name, value) -> {
                if (name != null && value != null) {
                    headers.put(name.toString().toLowerCase(java.util.Locale.ROOT), value.toString());
                }
            });
        }
        Object multi = event.get("multiValueHeaders");
        if (multi instanceof Map<?, ?> map) {
            map.forEach((name, values) -> {
                if (name != null && values instanceof List<?> list && !list.isEmpty()) {
                    headers.put(name.toString().toLowerCase(java.util.Locale.ROOT), String.join(",", list.stream().map(String::valueOf).toList()));
                }
            });
        }
        Map<String, Object> context = event.get("requestContext") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        APIGatewayV2HTTPEvent.RequestContext requestContext = new APIGatewayV2HTTPEvent.RequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod((String) event.get("httpMethod"));
        http.setPath((String) event.get("path"));
        requestContext.setHttp(http);
        requestContext.setRequestId(context.get("requestId") == null ? null : context.get("requestId").toString());
        APIGatewayV2HTTPEvent converted = new APIGatewayV2HTTPEvent();
        converted.setVersion("2.0");
        converted.setRawPath((String) event.get("path"));
        converted.setRawQueryString(query(event));
        converted.setHeaders(headers);
        converted.setBody(event.get("body") == null ? null : event.get("body").toString());
        converted.setIsBase64Encoded(Boolean.TRUE.equals(event.get("isBase64Encoded")));
        converted.setRequestContext(requestContext);
        return converted;
    }

    /** The router's answer as a REST API proxy response. */
    public static Map<String, Object> toRestApiResponse(APIGatewayV2HTTPResponse response) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("statusCode", response.getStatusCode());
        out.put("headers", response.getHeaders() == null ? Map.of() : response.getHeaders());
        out.put("body", response.getBody() == null ? "" : response.getBody());
        out.put("isBase64Encoded", response.getIsBase64Encoded());
        return out;
    }

    private static String query(Map<String, Object> event) {
        List<String> pairs = new ArrayList<>();
        if (event.get("multiValueQueryStringParameters") instanceof Map<?, ?> multi) {
            multi.forEach((name, values) -> {
                if (values instanceof List<?> list) {
                    list.forEach(value -> pairs.add(encode(name) + "=" + encode(value)));
                }
            });
        } else if (event.get("queryStringParameters") instanceof Map<?, ?> single) {
            single.forEach((name, value) -> pairs.add(encode(name) + "=" + encode(value)));
        }
        return String.join("&", pairs);
    }

    private static String encode(Object value) {
        return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
    }
}
