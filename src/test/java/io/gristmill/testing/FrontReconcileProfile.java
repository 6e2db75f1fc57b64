package io.gristmill.testing;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs the {@code front-reconcile} function against a simulated Front. */
public class FrontReconcileProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        // Short waits, so that rate-limit tests take seconds.
        return Map.of("quarkus.funqy.export", "front-reconcile", "gristmill.front.max-retry-after", "PT2S");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SimulatedFrontResource.class));
    }
}
