package io.gristmill.connect;

import static io.gristmill.testing.HttpApiEvent.admin;
import static io.gristmill.testing.HttpApiEvent.request;
import static org.assertj.core.api.Assertions.assertThat;

/** Connects tenants through the real flow for tests in other packages. */
public final class ConnectTestSupport {
    private ConnectTestSupport() {
    }

    public static void connect(String tenant) {
        assertThat(new ConnectFlow(tenant).connect().status()).isEqualTo(200);
    }

    public static String connectionField(String tenant, String field) {
        return request("GET", "/connections").claims(admin(tenant)).send().body().at("/connections/0/" + field).asText();
    }

    public static String state(String tenant) {
        return request("GET", "/connections").claims(admin(tenant)).send().body().at("/connections/0/state").asText();
    }
}
