package io.gristmill.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gristmill.access.Caller;
import io.gristmill.access.Refusal;
import io.gristmill.config.GristmillConfig;

/**
 * Adapts API Gateway HTTP API (payload 2.0) events to route handlers and their results back to
 * responses. Every error leaves as {@code {"error","message"}}: the caller's mistakes as 4xx, and
 * anything unexpected as a 500 that carries only the request id (the details go to the log).
 */
@ApplicationScoped
public class ApiRouter {
    private static final Logger LOG = Logger.getLogger(ApiRouter.class);

    private final RouteTable table = new RouteTable();
    private final ObjectMapper json;
    private final GristmillConfig config;

    public ApiRouter(Instance<Routes> features, ObjectMapper json, GristmillConfig config) {
        this.json = json;
        this.config = config;
        features.stream().filter(feature -> feature.function() == config.function()).forEach(feature -> feature.register(table));
    }

    public List<String> routes() {
        return table.describe();
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        String requestId = requestId(event);
        MDC.put("requestId", requestId);
        MDC.put("function", config.function().exportName());
        try {
            String method = method(event);
            String path = path(event);
            if (method == null || path == null) {
                throw ApiException.badRequest("Not an API Gateway HTTP API (payload 2.0) event");
            }
            RouteTable.Match match = table.match(method.toUpperCase(Locale.ROOT), path);
            // Public routes are Front's webhooks: a full event embeds message bodies, so they take
            // bodies up to what Lambda accepts.
            int limit = match.route().isPublic() ? config.http().webhookMaxBodyBytes() : config.http().maxBodyBytes();
            ApiRequest request = decode(event, requestId, limit);
            request = new ApiRequest(request.method(), request.path(), match.pathParameters(), request.query(),
                    request.headers(), request.body(), request.claims(), requestId);
            Caller caller = match.route().isPublic() ? null : caller(request.claims());
            if (caller != null) {
                MDC.put("tenant", caller.tenantId());
            }
            ApiResult result = match.route().handler().handle(request, caller);
            return respond(result);
        } catch (RouteTable.MethodNotAllowed e) {
            return error(e.status(), e.error(), e.getMessage(), e.allowHeader().map(a -> Map.of("allow", a)).orElse(Map.of()));
        } catch (ApiException e) {
            LOG.debugf("Refused %s %s: %s %s", method(event), path(event), e.status(), e.getMessage());
            return error(e.status(), e.error(), e.getMessage(), Map.of());
        } catch (Refusal e) {
            LOG.debugf("Refused %s %s: %s %s", method(event), path(event), e.kind(), e.getMessage());
            return error(Refusals.status(e), e.error(), e.getMessage(), Map.of());
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            // DynamoDB or Secrets Manager failed even after the SDK's retries: nothing was half-written
            // (every write is one item or one transaction), so the caller may simply try again.
            LOG.warnf("AWS failed during %s %s: %s", method(event), path(event), e.getClass().getSimpleName());
            return error(503, "service_unavailable", "A storage service did not answer; try again (request id " + requestId + ")",
                    Map.of("retry-after", "1"));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Unexpected failure of %s %s", method(event), path(event));
            return error(500, "internal", "Something went wrong on our side; quote request id " + requestId, Map.of());
        } finally {
            MDC.remove("requestId");
            MDC.remove("function");
            MDC.remove("tenant");
        }
    }

    private ApiRequest decode(APIGatewayV2HTTPEvent event, String requestId, int bodyLimit) {
        String method = method(event);
        String path = path(event);
        Map<String, String> headers = new HashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        }
        Map<String, String> claims = Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getJwt)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT::getClaims)
                .orElse(Map.of());
        return new ApiRequest(method.toUpperCase(Locale.ROOT), path, Map.of(), query(event), headers,
                body(event, bodyLimit), claims, requestId);
    }

    private static byte[] body(APIGatewayV2HTTPEvent event, int limit) {
        String body = event.getBody();
        if (body == null || body.isEmpty()) {
            return new byte[0];
        }
        if (event.getIsBase64Encoded()) {
            // Decoded size is at most 3/4 of the encoded one: refuse before decoding a huge body.
            if ((long) body.length() / 4 * 3 > limit + 2L) {
                throw tooLarge(limit);
            }
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("Body is marked base64-encoded but is not valid base64");
            }
            if (decoded.length > limit) {
                throw tooLarge(limit);
            }
            return decoded;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > limit) {
            throw tooLarge(limit);
        }
        return bytes;
    }

    private static ApiException tooLarge(int limit) {
        return new ApiException(413, "payload_too_large", "Body is larger than " + limit + " bytes");
    }

    /** Parses the raw query string so that repeated parameters keep every value. */
    private static Map<String, List<String>> query(APIGatewayV2HTTPEvent event) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        String raw = event.getRawQueryString();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
                query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        } else if (event.getQueryStringParameters() != null) {
            event.getQueryStringParameters().forEach((k, v) -> query.put(k, List.of(v.split(",", -1))));
        }
        return query;
    }

    private static String decodeQuery(String part) {
        try {
            return java.net.URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Query string is not valid percent-encoding");
        }
    }

    private Caller caller(Map<String, String> claims) {
        GristmillConfig.Auth auth = config.auth();
        String tenant = claims.get(auth.tenantClaim());
        if (tenant == null || tenant.isBlank()) {
            throw new ApiException(401, "unauthorized", "The token carries no " + auth.tenantClaim() + " claim");
        }
        // Both claims become parts of table keys: refuse what could name another tenant's items.
        if (!Caller.TENANT_ID.matcher(tenant).matches()) {
            throw new ApiException(401, "unauthorized", "The token's " + auth.tenantClaim()
                    + " claim is not a valid tenant id (1-64 letters, digits, '_', '.' or '-')");
        }
        Optional<String> employee = Optional.ofNullable(claims.get(auth.employeeClaim())).filter(s -> !s.isBlank());
        if (employee.isPresent() && !Caller.EMPLOYEE_ID.matcher(employee.get()).matches()) {
            throw new ApiException(401, "unauthorized", "The token's " + auth.employeeClaim()
                    + " claim is not a valid employee id (1-128 letters, digits, '_', '.', '@' or '-')");
        }
        return new Caller(claims.getOrDefault("sub", ""), tenant, Claims.list(claims.get(auth.rolesClaim())), employee);
    }

    private APIGatewayV2HTTPResponse respond(ApiResult result) {
        Map<String, String> headers = new HashMap<>(result.headers());
        String body = null;
        if (result.body() != null) {
            headers.put("content-type", result.contentType());
            body = result.body() instanceof String text && !"application/json".equals(result.contentType())
                    ? text
                    : write(result.body());
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(result.status()).withHeaders(headers).withBody(body).withIsBase64Encoded(false).build();
    }

    private APIGatewayV2HTTPResponse error(int status, String error, String message, Map<String, String> extraHeaders) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("content-type", "application/json");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers)
                .withBody(write(body)).withIsBase64Encoded(false).build();
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Response cannot be written as JSON", e);
        }
    }

    private static String requestId(APIGatewayV2HTTPEvent event) {
        if (event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            return event.getRequestContext().getRequestId();
        }
        return UUID.randomUUID().toString();
    }

    private static String method(APIGatewayV2HTTPEvent event) {
        if (event.getRequestContext() == null || event.getRequestContext().getHttp() == null) {
            return null;
        }
        return event.getRequestContext().getHttp().getMethod();
    }

    private static String path(APIGatewayV2HTTPEvent event) {
        if (event.getRawPath() != null) {
            return event.getRawPath();
        }
        return event.getRequestContext() == null || event.getRequestContext().getHttp() == null
                ? null : event.getRequestContext().getHttp().getPath();
    }
}
