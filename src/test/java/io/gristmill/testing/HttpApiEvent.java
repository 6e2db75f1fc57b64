package io.gristmill.testing;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds API Gateway HTTP API (payload 2.0) events from a real payload captured from API Gateway
 * ({@code events/http-api-v2.json}) and sends them to the Lambda mock event server, which hands
 * them to the function exactly as the Lambda runtime would.
 */
public final class HttpApiEvent {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode event;

    private HttpApiEvent(String method, String pathAndQuery) {
        try (InputStream in = HttpApiEvent.class.getResourceAsStream("/events/http-api-v2.json")) {
            event = (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        event.put("rawPath", path);
        event.put("rawQueryString", query);
        ObjectNode context = (ObjectNode) event.get("requestContext");
        ((ObjectNode) context.get("http")).put("method", method).put("path", path);
        context.put("requestId", UUID.randomUUID().toString());
    }

    public static HttpApiEvent request(String method, String pathAndQuery) {
        return new HttpApiEvent(method, pathAndQuery);
    }

    /** Replaces the JWT claims with these (API Gateway passes every claim as a string). */
    public HttpApiEvent claims(Map<String, String> claims) {
        ObjectNode jwt = (ObjectNode) event.get("requestContext").get("authorizer").get("jwt");
        jwt.set("claims", JSON.valueToTree(claims));
        return this;
    }

    public static Map<String, String> caller(String tenant, String roles, String employeeId) {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("sub", "auth0|" + (employeeId == null ? "someone" : employeeId));
        claims.put("iss", "https://auth.example.com/");
        claims.put("aud", "gristmill");
        claims.put("tenant_id", tenant);
        claims.put("roles", "[" + roles + "]");
        if (employeeId != null) {
            claims.put("employee_id", employeeId);
        }
        return claims;
    }

    public static Map<String, String> admin(String tenant) {
        return caller(tenant, "admin", "emp-admin");
    }

    public HttpApiEvent withoutAuthorizer() {
        ((ObjectNode) event.get("requestContext")).remove("authorizer");
        return this;
    }

    /** Adds a cookie the way payload 2.0 carries them: in the {@code cookies} array. */
    public HttpApiEvent cookie(String name, String value) {
        com.fasterxml.jackson.databind.node.ArrayNode cookies = event.has("cookies") && event.get("cookies").isArray()
                ? (com.fasterxml.jackson.databind.node.ArrayNode) event.get("cookies")
                : event.putArray("cookies");
        cookies.add(name + "=" + value);
        return this;
    }

    public HttpApiEvent header(String name, String value) {
        ((ObjectNode) event.get("headers")).put(name.toLowerCase(java.util.Locale.ROOT), value);
        return this;
    }

    public HttpApiEvent body(String body) {
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return this;
    }

    public HttpApiEvent jsonBody(Object body) {
        try {
            return body(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public HttpApiEvent base64Body(byte[] body) {
        event.put("body", Base64.getEncoder().encodeToString(body));
        event.put("isBase64Encoded", true);
        return this;
    }

    public String json() {
        return event.toString();
    }

    /** Invokes the function through the mock event server and returns its API Gateway response. */
    public Response send() {
        String raw = given().contentType("application/json").body(json())
                .when().post("/")
                .then().statusCode(200)
                .extract().asString();
        try {
            return new Response(JSON.readTree(raw));
        } catch (IOException e) {
            throw new IllegalStateException("The function did not answer with JSON: " + raw, e);
        }
    }

    /** The {@code APIGatewayV2HTTPResponse} the function returned. */
    public record Response(JsonNode raw) {
        public int status() {
            return raw.get("statusCode").asInt();
        }

        public String header(String name) {
            JsonNode headers = raw.get("headers");
            return headers == null || headers.get(name) == null ? null : headers.get(name).asText();
        }

        public String bodyText() {
            JsonNode body = raw.get("body");
            if (body == null || body.isNull()) {
                return null;
            }
            if (raw.path("isBase64Encoded").asBoolean(false)) {
                return new String(Base64.getDecoder().decode(body.asText()), StandardCharsets.UTF_8);
            }
            return body.asText();
        }

        public JsonNode body() {
            try {
                return JSON.readTree(bodyText());
            } catch (IOException e) {
                throw new IllegalStateException("Body is not JSON: " + bodyText(), e);
            }
        }

        @Override
        public String toString() {
            return status() + " " + bodyText();
        }
    }
}
