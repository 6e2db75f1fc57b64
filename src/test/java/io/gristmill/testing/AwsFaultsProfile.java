package io.gristmill.testing;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The functions with DynamoDB and Secrets Manager reached through {@link FaultyAwsEndpoint}s (one
 * per service, shared by the test JVM), against simulated Salesforce and Front. Attempt timeouts
 * are short so that a held request times out quickly.
 */
public class AwsFaultsProfile implements QuarkusTestProfile {
    private static FaultyAwsEndpoint dynamo;
    private static FaultyAwsEndpoint secrets;

    public static synchronized FaultyAwsEndpoint dynamo() {
        if (dynamo == null) {
            dynamo = new FaultyAwsEndpoint(LocalAws.get().dynamoEndpoint).hold(java.time.Duration.ofMillis(600));
        }
        return dynamo;
    }

    public static synchronized FaultyAwsEndpoint secrets() {
        if (secrets == null) {
            secrets = new FaultyAwsEndpoint(LocalAws.get().secretsEndpoint).hold(java.time.Duration.ofMillis(600));
        }
        return secrets;
    }

    /** The function these tests invoke through the mock event server ({@code connect}: connect routes, beans for the rest). */
    protected String export() {
        return "connect";
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("quarkus.funqy.export", export()),
                Map.entry("quarkus.dynamodb.endpoint-override", dynamo().uri().toString()),
                Map.entry("quarkus.secretsmanager.endpoint-override", secrets().uri().toString()),
                Map.entry("quarkus.dynamodb.api-call-attempt-timeout", "0.5S"),
                Map.entry("quarkus.secretsmanager.api-call-attempt-timeout", "0.5S"),
                // The same retries as in production, with waits short enough for a test of thousands of faults.
                Map.entry("gristmill.aws.base-delay", "PT0.005S"),
                Map.entry("gristmill.aws.throttling-base-delay", "PT0.02S"),
                Map.entry("gristmill.aws.max-backoff", "PT0.2S"),
                Map.entry("gristmill.salesforce.read-timeout", "PT3S"),
                Map.entry("gristmill.salesforce.query-read-timeout", "PT3S"));
    }

    /** The same, running the {@code front-webhook} function. */
    public static class Webhooks extends AwsFaultsProfile {
        @Override
        protected String export() {
            return "front-webhook";
        }
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SimulatedSalesforceResource.class), new TestResourceEntry(SimulatedFrontResource.class));
    }
}
