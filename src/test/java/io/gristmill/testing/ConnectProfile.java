package io.gristmill.testing;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs the {@code connect} function against a simulated Salesforce and Front. */
public class ConnectProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        // A short read timeout, so that injected slow responses time out quickly.
        return Map.of("quarkus.funqy.export", "connect", "gristmill.salesforce.read-timeout", "PT3S",
                "gristmill.salesforce.query-read-timeout", "PT3S");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SimulatedSalesforceResource.class), new TestResourceEntry(SimulatedFrontResource.class));
    }
}
