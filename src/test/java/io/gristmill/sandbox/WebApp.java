package io.gristmill.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import io.gristmill.sandbox.SandboxCompany.Person;

/**
 * What CloudFront and the identity provider serve in AWS, for the sandbox: the built web app
 * (target/web) at {@code /} with the security headers template.yaml sets, its runtime
 * {@code /config.json}, and the stand-in OpenID provider's endpoints under {@code /oidc}, whose
 * authorize page is a person picker.
 */
final class WebApp {
    /** The same policy as the CloudFront response headers policy in template.yaml. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "map", "application/json", "ico", "image/x-icon", "png", "image/png");

    private final Path root;
    private final StandInIdentityProvider identity;
    private final URI base;

    WebApp(Path root, StandInIdentityProvider identity, URI base) {
        this.root = root.toAbsolutePath().normalize();
        this.identity = identity;
        this.base = base;
    }

    /** Answers the request if it is the app's or the provider's; false leaves it to the API. */
    boolean handles(HttpExchange exchange, String method, String path) throws IOException {
        if (path.startsWith("/oidc/") || path.equals("/oidc")) {
            oidc(exchange, method, path);
            return true;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return false;
        }
        if (path.equals("/config.json")) {
            Map<String, String> config = new LinkedHashMap<>();
            config.put("issuer", identity.issuer());
            config.put("clientId", StandInIdentityProvider.CLIENT_ID);
            config.put("apiUrl", base.toString());
            config.put("environment", "sandbox");
            sendStatic(exchange, 200, "application/json", JSON.writeValueAsBytes(config), "no-store");
            return true;
        }
        Path file = root.resolve(path.equals("/") ? "index.html" : path.substring(1)).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            return false;
        }
        String name = file.getFileName().toString();
        String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
        sendStatic(exchange, 200, type, Files.readAllBytes(file), name.endsWith(".html") ? "no-cache" : "public, max-age=300");
        return true;
    }

    private void oidc(HttpExchange exchange, String method, String path) throws IOException {
        Map<String, String> query = FrontDoor.query(exchange.getRequestURI());
        switch (path) {
            case "/oidc/.well-known/openid-configuration" -> json(exchange, 200, identity.discovery());
            case "/oidc/jwks" -> json(exchange, 200, identity.jwks());
            case "/oidc/authorize" -> authorize(exchange, query);
            case "/oidc/token" -> {
                if (!method.equals("POST")) {
                    json(exchange, 405, Map.of("error", "invalid_request", "error_description", "POST the token request"));
                    return;
                }
                Map<String, String> form = FrontDoor.query(URI.create("?" + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                if (!"authorization_code".equals(form.get("grant_type"))) {
                    json(exchange, 400, Map.of("error", "unsupported_grant_type"));
                    return;
                }
                Map<String, Object> answer = identity.exchange(form.get("code"), form.get("redirect_uri"), form.get("code_verifier"), form.get("client_id"));
                json(exchange, answer.containsKey("error") ? 400 : 200, answer);
            }
            default -> json(exchange, 404, Map.of("error", "not_found"));
        }
    }

    /** The authorize endpoint: a person picker; picking one (?as=) redirects back with a code. */
    private void authorize(HttpExchange exchange, Map<String, String> query) throws IOException {
        String redirect = query.getOrDefault("redirect_uri", "");
        if (!StandInIdentityProvider.CLIENT_ID.equals(query.get("client_id")) || !redirect.startsWith(base.toString() + "/")) {
            json(exchange, 400, Map.of("error", "invalid_request", "error_description", "unknown client_id or a redirect_uri outside the app"));
            return;
        }
        String state = query.getOrDefault("state", "");
        if (!"code".equals(query.get("response_type")) || !"S256".equals(query.get("code_challenge_method")) || query.get("code_challenge") == null) {
            redirect(exchange, redirect + "?error=invalid_request&error_description=" + encode("code flow with an S256 PKCE challenge only")
                    + "&state=" + encode(state));
            return;
        }
        Optional<Person> person = FrontDoor.person(query.get("as"));
        if (person.isPresent()) {
            String code = identity.issueCode(person.get(), redirect, query.get("code_challenge"), query.get("nonce"));
            redirect(exchange, redirect + "?code=" + encode(code) + "&state=" + encode(state));
            return;
        }
        StringBuilder html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>Sign in — Northwind (sandbox)</title></head>"
                + "<body><main><h1>Sign in to Gristmill</h1><p>Sandbox identity provider: choose who you are.</p><ul>");
        String again = exchange.getRequestURI().getRawQuery();
        for (Person someone : SandboxCompany.PEOPLE) {
            html.append("<li><a href=\"/oidc/authorize?").append(again.replace("&", "&amp;")).append("&amp;as=").append(someone.id()).append("\">")
                    .append(someone.name()).append("</a> — ").append(someone.title()).append("</li>");
        }
        html.append("</ul></main></body></html>");
        sendStatic(exchange, 200, "text/html; charset=utf-8", html.toString().getBytes(StandardCharsets.UTF_8), "no-store");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(302, -1);
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        sendStatic(exchange, status, "application/json", JSON.writeValueAsBytes(body), "no-store");
    }

    /** With the headers CloudFront's response headers policy adds in AWS. */
    private static void sendStatic(HttpExchange exchange, int status, String type, byte[] body, String cacheControl) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Cache-Control", cacheControl);
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
        FrontDoor.send(exchange, status, type, body);
    }
}
