package io.gristmill.bench;

import java.util.List;
import java.util.Map;

import io.gristmill.testing.SimulatedFrontResource;
import io.gristmill.testing.WorkQueuesResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/** The Front reconciliation and drafts workers against a simulated Front, with every DynamoDB call and its capacity counted. */
public class RunCostBenchProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.funqy.export", "front-reconcile-worker", "quarkus.dynamodb.interceptors", CountingInterceptor.class.getName());
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SimulatedFrontResource.class), new TestResourceEntry(WorkQueuesResource.class));
    }
}
