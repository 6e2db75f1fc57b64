package io.gristmill.bench;

import java.util.List;
import java.util.Map;

import io.gristmill.testing.SimulatedSalesforceResource;
import io.gristmill.testing.WorkQueuesResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/** The poll worker against a simulated Salesforce, with the work queues in local SQS and every DynamoDB call counted. */
public class ScaleBenchProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.funqy.export", "salesforce-poll-worker", "quarkus.dynamodb.interceptors", CountingInterceptor.class.getName());
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SimulatedSalesforceResource.class), new TestResourceEntry(WorkQueuesResource.class));
    }
}
