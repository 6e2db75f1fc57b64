package io.gristmill.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.gristmill.sandbox.SandboxCompany.Person;
import io.gristmill.testing.HttpApiEvent;

/**
 * What API Gateway and its JWT authorizer do in AWS, on a local port: each request matching a
 * route of template.yaml becomes an HTTP API (payload 2.0) event for the function that route
 * belongs to, with the signed-in person's claims on authorized routes and none on public ones (the
 * Front webhooks); the function's response goes back as HTTP. Anything else
 * is 404, and an authorized route without a signed-in person is 401, as API Gateway answers.
 *
 * <p>Callers are who their JWT says, checked as the JWT authorizer does ({@link StandInIdentityProvider}):
 * the web app at {@code /} signs in there and sends {@code Authorization: Bearer}; scripts take a
 * token from {@code /sandbox/token?as=emp-ravi}, or sign in with {@code /sandbox/sign-in?as=emp-ravi},
 * whose cookie becomes a signed token on each request. {@code /sandbox} lists everyone with links.
 */
final class FrontDoor implements AutoCloseable {
    static final String IDENTITY_COOKIE = "sandbox_user";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration API_TIMEOUT = Duration.ofSeconds(30);

    private final HttpServer server;
    private final SamTemplate template;
    private final Map<String, LocalLambda> functions;
    private final Supplier<String> indexPage;
    private final WebApp webApp;
    private final StandInIdentityProvider identity;

    FrontDoor(int port, SamTemplate template, Map<String, LocalLambda> functions, Supplier<String> indexPage, java.nio.file.Path webDir)
            throws IOException {
        this.template = template;
        this.functions = functions;
        this.indexPage = indexPage;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (java.net.BindException e) {
            throw new IllegalStateException("Port " + port + " is taken; choose another with -Dsandbox.port=<port>", e);
        }
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8, LocalLambda.daemon("front-door")));
        server.createContext("/", this::handle);
        server.start();
        identity = new StandInIdentityProvider(baseUri(), java.time.Clock.systemUTC());
        webApp = new WebApp(webDir, identity, baseUri());
    }

    URI baseUri() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    /** A verified token's claims as the JWT authorizer hands them to the function: strings, arrays as "[a b]". */
    private static Map<String, String> authorizerClaims(JsonNode claims) {
        Map<String, String> flat = new java.util.LinkedHashMap<>();
        claims.properties().forEach(claim -> {
            if (claim.getValue().isArray()) {
                List<String> values = new java.util.ArrayList<>();
                claim.getValue().forEach(v -> values.add(v.asText()));
                flat.put(claim.getKey(), "[" + String.join(" ", values) + "]");
            } else {
                flat.put(claim.getKey(), claim.getValue().asText());
            }
        });
        return flat;
    }

    private static Optional<String> bearer(HttpExchange exchange) {
        String authorization = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse("");
        return authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? Optional.of(authorization.substring(7).trim()) : Optional.empty();
    }

    static Optional<Person> person(String id) {
        return SandboxCompany.PEOPLE.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** {@code /sandbox/token?as=emp-ravi}: a bearer token for scripts ({@code curl -H "Authorization: Bearer $token"}). */
    private void scriptToken(HttpExchange exchange, URI uri) throws IOException {
        Optional<Person> person = person(query(uri).get("as"));
        if (person.isEmpty()) {
            send(exchange, 400, "application/json", "{\"error\":\"bad_request\",\"message\":\"as= must name someone at Northwind\"}"
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(exchange, 200, "application/json", JSON.writeValueAsBytes(Map.of("access_token", identity.tokenFor(person.get(), null),
                "token_type", "Bearer", "expires_in", 3600)));
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> query = new java.util.HashMap<>();
        for (String pair : Optional.ofNullable(uri.getRawQuery()).orElse("").split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            URI uri = exchange.getRequestURI();
            String path = uri.getRawPath();
            if (path.equals("/sandbox") && method.equals("GET")) {
                send(exchange, 200, "text/html; charset=utf-8", indexPage.get().getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (path.equals("/sandbox/sign-in")) {
                signIn(exchange, uri);
                return;
            }
            if (path.equals("/sandbox/token")) {
                scriptToken(exchange, uri);
                return;
            }
            if (webApp.handles(exchange, method, path)) {
                return;
            }
            Optional<SamTemplate.Route> route = template.route(method, path);
            if (route.isEmpty()) {
                send(exchange, 404, "application/json", "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (route.get().restApi()) {
                forward(exchange, functions.get(route.get().export()).invoke(restApiEvent(exchange, method, path), API_TIMEOUT));
                return;
            }
            HttpApiEvent event = HttpApiEvent.request(method, uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
            Optional<String> token = bearer(exchange);
            for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
                String name = header.getKey().toLowerCase(Locale.ROOT);
                if (name.equals("cookie")) {
                    for (String cookie : String.join("; ", header.getValue()).split(";\\s*")) {
                        int eq = cookie.indexOf('=');
                        if (eq > 0 && cookie.substring(0, eq).equals(IDENTITY_COOKIE) && token.isEmpty()) {
                            // The signed-in cookie of scripts: the stand-in provider signs a token for that person.
                            token = person(cookie.substring(eq + 1)).map(p -> identity.tokenFor(p, null));
                        } else if (eq > 0) {
                            event.cookie(cookie.substring(0, eq), cookie.substring(eq + 1));
                        }
                    }
                } else {
                    event.header(name, String.join(",", header.getValue()));
                }
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (body.length > 0) {
                String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
                if (type.contains("json") || type.startsWith("text/") || type.contains("x-www-form-urlencoded")) {
                    event.body(new String(body, StandardCharsets.UTF_8));
                } else {
                    event.base64Body(body);
                }
            }
            Optional<JsonNode> claims = token.flatMap(identity::verify);
            if (route.get().isPublic()) {
                event.withoutAuthorizer();
            } else if (claims.isEmpty()) {
                send(exchange, 401, "application/json", "{\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8));
                return;
            } else {
                event.claims(authorizerClaims(claims.get()));
            }
            forward(exchange, functions.get(route.get().export()).invoke(event.json(), API_TIMEOUT));
        } catch (LocalLambda.FunctionError e) {
            // What API Gateway answers when the integration fails.
            send(exchange, 500, "application/json", "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
            System.err.println("[sandbox] " + e.getMessage());
        }
    }

    /** A REST API (payload 1.0) proxy event, as API Gateway builds it for the webhook API's routes. */
    private static String restApiEvent(HttpExchange exchange, String method, String path) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode event = JSON.createObjectNode();
        event.put("resource", path);
        event.put("path", path);
        event.put("httpMethod", method);
        com.fasterxml.jackson.databind.node.ObjectNode headers = event.putObject("headers");
        com.fasterxml.jackson.databind.node.ObjectNode multi = event.putObject("multiValueHeaders");
        exchange.getRequestHeaders().forEach((name, values) -> {
            headers.put(name, values.get(values.size() - 1));
            values.forEach(multi.putArray(name)::add);
        });
        event.putNull("queryStringParameters");
        event.putObject("requestContext").put("requestId", java.util.UUID.randomUUID().toString()).put("httpMethod", method)
                .put("stage", "live").put("path", "/live" + path);
        byte[] body = exchange.getRequestBody().readAllBytes();
        // Without binary media types configured, a REST API passes a body on as text.
        event.put("body", body.length == 0 ? null : new String(body, StandardCharsets.UTF_8));
        event.put("isBase64Encoded", false);
        return JSON.writeValueAsString(event);
    }

    private void signIn(HttpExchange exchange, URI uri) throws IOException {
        Map<String, String> query = query(uri);
        Optional<Person> person = person(query.get("as"));
        if (person.isEmpty()) {
            send(exchange, 400, "application/json", "{\"error\":\"bad_request\",\"message\":\"as= must name someone at Northwind\"}"
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        String next = query.getOrDefault("next", "/");
        exchange.getResponseHeaders().add("Set-Cookie", IDENTITY_COOKIE + "=" + person.get().id() + "; Path=/; HttpOnly; SameSite=Lax");
        exchange.getResponseHeaders().add("Location", next.startsWith("/") && !next.startsWith("//") ? next : "/");
        send(exchange, 303, "text/plain", new byte[0]);
    }

    /** Writes an {@code APIGatewayV2HTTPResponse} as HTTP, the way API Gateway does. */
    private static void forward(HttpExchange exchange, String result) throws IOException {
        JsonNode response = JSON.readTree(result);
        response.path("headers").properties().forEach(h -> exchange.getResponseHeaders().add(h.getKey(), h.getValue().asText()));
        response.path("multiValueHeaders").properties().forEach(h -> h.getValue().forEach(v -> exchange.getResponseHeaders().add(h.getKey(), v.asText())));
        response.path("cookies").forEach(c -> exchange.getResponseHeaders().add("Set-Cookie", c.asText()));
        JsonNode body = response.path("body");
        byte[] bytes = body.isMissingNode() || body.isNull() ? new byte[0]
                : response.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body.asText())
                        : body.asText().getBytes(StandardCharsets.UTF_8);
        int status = response.path("statusCode").asInt(200);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
