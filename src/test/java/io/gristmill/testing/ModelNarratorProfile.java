package io.gristmill.testing;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The HTTP API with a narrator model: a simulated Bedrock runtime, short call timeout (2 s) and deadline (5 s). */
public class ModelNarratorProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SimulatedBedrock.Resource.class));
    }
}
