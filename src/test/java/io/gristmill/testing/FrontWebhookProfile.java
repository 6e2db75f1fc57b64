package io.gristmill.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs the {@code front-webhook} function. */
public class FrontWebhookProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.funqy.export", "front-webhook");
    }
}
