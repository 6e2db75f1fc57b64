package io.gristmill.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.access.Caller;
import io.gristmill.testing.SimulatedSalesforce;

/**
 * Connects a tenant through {@link SalesforceConnect} and the simulated consent screen, for tests
 * of functions that do not serve the connect routes themselves.
 */
@ApplicationScoped
public class ConnectFlowSupport {
    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final SalesforceConnect connect;
    private final OAuthCompletion completion;

    public ConnectFlowSupport(SalesforceConnect connect, OAuthCompletion completion) {
        this.connect = connect;
        this.completion = completion;
    }

    public void connectDirectly(String tenant, SimulatedSalesforce org) {
        OAuthFlow.Started started = connect.start(tenant, "auth0|emp-admin", null);
        try {
            HttpResponse<String> consent = BROWSER.send(HttpRequest.newBuilder(started.authorizeUrl()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<String, String> query = ConnectFlow.query(URI.create(consent.headers().firstValue("Location").orElseThrow()).getRawQuery());
            assertThat(completion.complete(query, new Caller("auth0|emp-admin", tenant, Set.of(Caller.ADMIN), Optional.of("emp-admin"))).connected()).isTrue();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
