package io.gristmill.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.gristmill.testing.HttpApiEvent;

/** Assertions on the one error shape every API error has. */
public final class ApiRouterTestSupport {
    private ApiRouterTestSupport() {
    }

    public static void assertError(HttpApiEvent.Response response, int status, String error) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.header("content-type")).isEqualTo("application/json");
        assertThat(response.body().get("error").asText()).as("error of %s", response).isEqualTo(error);
        assertThat(response.body().get("message").asText()).isNotBlank();
    }
}
