package io.gristmill.testing;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Runs the {@code salesforce-poll-worker} function against a simulated Salesforce, with the work
 * queues in local SQS and a poll deadline short enough that a 90-day backfill takes several runs.
 */
public class SalesforcePollWorkerProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.funqy.export", "salesforce-poll-worker", "gristmill.salesforce.poll-deadline", "PT1S");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SimulatedSalesforceResource.class), new TestResourceEntry(WorkQueuesResource.class));
    }
}
