package io.gristmill.testing;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs the {@code front-webhook} function against a simulated Front (inbox look-ups). */
public class FrontWebhookProfile implements QuarkusTestProfile {
    /** How long the function keeps its look-ups in these tests (30 s deployed): short, so that a test can wait it out. */
    public static final java.time.Duration LOOKUPS_MAX_AGE = java.time.Duration.ofSeconds(1);

    @Override
    public Map<String, String> getConfigOverrides() {
        // A rotated app secret is re-read at the first signature that does not verify (tests rotate it).
        return Map.of("quarkus.funqy.export", "front-webhook", "gristmill.secrets.cache-min-reread", "PT0S",
                "gristmill.front.webhook-lookups-max-age", LOOKUPS_MAX_AGE.toString());
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SimulatedFrontResource.class));
    }
}
