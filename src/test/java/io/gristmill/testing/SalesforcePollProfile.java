package io.gristmill.testing;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs the {@code salesforce-poll} function against a simulated Salesforce. */
public class SalesforcePollProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.funqy.export", "salesforce-poll");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SimulatedSalesforceResource.class));
    }
}
