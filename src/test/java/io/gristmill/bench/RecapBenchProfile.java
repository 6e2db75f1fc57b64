package io.gristmill.bench;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The API function with every DynamoDB call counted, keeping recap look-ups as deployed. */
public class RecapBenchProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.dynamodb.interceptors", CountingInterceptor.class.getName(), "gristmill.recap.lookups-max-age", "PT30S");
    }
}
