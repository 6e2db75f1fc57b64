package io.gristmill.bench;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The API function with every DynamoDB call counted. */
public class RecapBenchProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.dynamodb.interceptors", CountingInterceptor.class.getName());
    }
}
