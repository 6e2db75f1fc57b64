package io.gristmill.testing;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs the {@code front-webhook} function against a simulated Front (inbox look-ups). */
public class FrontWebhookProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        // A rotated app secret is re-read at the first signature that does not verify (tests rotate it).
        return Map.of("quarkus.funqy.export", "front-webhook", "gristmill.secrets.cache-min-reread", "PT0S");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SimulatedFrontResource.class));
    }
}
