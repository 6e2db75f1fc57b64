package io.gristmill.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One person's browser on the sandbox: keeps its cookies (the sign-in and the OAuth binding cookie
 * the connect function sets) and follows no redirects, so that each hop of an OAuth flow is seen.
 * Cookie attributes are ignored: everything is on one local host.
 */
final class Browser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    record Page(int status, String location, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON (" + status + "): " + body, e);
            }
        }
    }

    Browser(URI base) {
        this.base = base;
    }

    /** Signs in at the sandbox's stand-in identity provider. */
    Browser signIn(String personId) {
        Page page = send("GET", "/sandbox/sign-in?as=" + personId, null);
        if (page.status() != 303) {
            throw new IllegalStateException("sign-in as " + personId + " answered " + page.status() + ": " + page.body());
        }
        return this;
    }

    Page get(String pathOrUrl) {
        return send("GET", pathOrUrl, null);
    }

    /** Sends a request to a path of the sandbox or to an absolute URL (the simulated Salesforce or Front). */
    Page send(String method, String pathOrUrl, String jsonBody) {
        URI uri = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : base.resolve(pathOrUrl);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (!cookies.isEmpty() && uri.getHost().equals(base.getHost()) && uri.getPort() == base.getPort()) {
            request.header("Cookie", String.join("; ", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).toList()));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (uri.getHost().equals(base.getHost()) && uri.getPort() == base.getPort()) {
                for (String setCookie : response.headers().allValues("Set-Cookie")) {
                    String pair = setCookie.split(";", 2)[0];
                    int eq = pair.indexOf('=');
                    if (eq > 0 && pair.substring(eq + 1).isBlank()) {
                        cookies.remove(pair.substring(0, eq).trim()); // cleared (Max-Age=0)
                    } else if (eq > 0) {
                        cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                    }
                }
            }
            return new Page(response.statusCode(), response.headers().firstValue("Location").orElse(null), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
