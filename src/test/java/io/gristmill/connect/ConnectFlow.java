package io.gristmill.connect;

import static io.gristmill.testing.HttpApiEvent.admin;
import static io.gristmill.testing.HttpApiEvent.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.gristmill.testing.HttpApiEvent;

/**
 * Drives the OAuth flow as the admin's browser and the web app would: start in Gristmill, visit
 * the authorize URL at the simulated Salesforce, and post what its redirect carries to
 * {@code POST /connect/complete} as the signed-in admin.
 */
final class ConnectFlow {
    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    final String tenant;
    String authorizeUrl;

    ConnectFlow(String tenant) {
        this.tenant = tenant;
    }

    HttpApiEvent.Response start(String body) {
        HttpApiEvent event = request("POST", "/connect/salesforce").claims(admin(tenant));
        if (body != null) {
            event.body(body);
        }
        HttpApiEvent.Response response = event.send();
        if (response.status() == 200) {
            authorizeUrl = response.body().get("authorizeUrl").asText();
        }
        return response;
    }

    /** The query Salesforce redirects the browser back with (code and state, or error). */
    Map<String, String> consent() {
        try {
            HttpResponse<String> answer = BROWSER.send(HttpRequest.newBuilder(URI.create(authorizeUrl)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("authorize answer %s", answer.body()).isEqualTo(302);
            URI location = URI.create(answer.headers().firstValue("Location").orElseThrow());
            return query(location.getRawQuery());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The web app posts what the provider redirected it with to {@code POST /connect/complete}, signed in as {@code claims}. */
    static HttpApiEvent.Response completeInApp(Map<String, String> query, Map<String, String> claims) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("state", query.get("state"));
        if (query.containsKey("code")) {
            body.put("code", query.get("code"));
        }
        if (query.containsKey("error")) {
            body.put("error", query.get("error"));
            body.put("errorDescription", query.get("error_description"));
        }
        return request("POST", "/connect/complete").claims(claims).jsonBody(body).send();
    }

    /** The app finishes as the admin who started. */
    HttpApiEvent.Response complete(Map<String, String> query) {
        return completeInApp(query, admin(tenant));
    }

    /** Start, consent and finish in the app: the happy path. */
    HttpApiEvent.Response connect() {
        assertThat(start(null).status()).isEqualTo(200);
        return complete(consent());
    }

    static Map<String, String> query(String raw) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            map.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return map;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
