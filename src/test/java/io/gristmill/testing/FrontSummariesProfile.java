package io.gristmill.testing;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Reconciliation with approved summaries: a simulated Front (messages and comments) and a simulated Bedrock. */
public class FrontSummariesProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.funqy.export", "front-reconcile", "gristmill.front.max-retry-after", "PT2S",
                "gristmill.front.summaries.call-timeout", "PT3S");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SimulatedFrontResource.class), new TestResourceEntry(SimulatedBedrock.Resource.class));
    }
}
