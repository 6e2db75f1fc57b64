package io.gristmill.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class OAuthFlowTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void the_binding_cookie_lives_as_long_as_the_providers_own_flow_state() {
        OAuthFlow.Started front = new OAuthFlow.Started(URI.create("https://app.frontapp.com/oauth/authorize"), NOW.plusSeconds(300), "b1");

        assertThat(OAuthFlow.bindingCookie("/connect/front/callback", front, NOW))
                .isEqualTo("gristmill_oauth=b1; Path=/connect/front/callback; Max-Age=300; HttpOnly; Secure; SameSite=Lax");
        assertThat(OAuthFlow.bindingCookie("/connect/front/callback", front, NOW.plusSeconds(400))).contains("; Max-Age=0;");
        assertThat(OAuthFlow.clearedBindingCookie("/connect/salesforce/callback"))
                .isEqualTo("gristmill_oauth=; Path=/connect/salesforce/callback; Max-Age=0; HttpOnly; Secure; SameSite=Lax");
    }
}
