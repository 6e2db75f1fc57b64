package io.gristmill.salesforce;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A REST call the way the poller's client makes it: 401 INVALID_SESSION_ID → {@link SessionExpiredException}. */
final class SalesforceCalls {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SalesforceCalls() {
    }

    static String limits(AccessToken token) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(token.instanceUrl() + "/services/data/v66.0/limits"))
                    .header("Authorization", "Bearer " + token.value()).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401 && response.body().contains("INVALID_SESSION_ID")) {
                throw new SessionExpiredException();
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Salesforce answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
