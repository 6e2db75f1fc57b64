package io.gristmill.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the application's AWS clients at {@link LocalAws}. */
public class LocalAwsResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        LocalAws aws = LocalAws.get();
        Map<String, String> config = new HashMap<>();
        for (String service : new String[] { "dynamodb", "secretsmanager", "sqs" }) {
            // moto (or LocalStack) serves Secrets Manager and SQS at one endpoint.
            String endpoint = (service.equals("dynamodb") ? aws.dynamoEndpoint : aws.secretsEndpoint).toString();
            config.put("quarkus." + service + ".endpoint-override", endpoint);
            config.put("quarkus." + service + ".aws.region", LocalAws.REGION);
            config.put("quarkus." + service + ".aws.credentials.type", "static");
            config.put("quarkus." + service + ".aws.credentials.static-provider.access-key-id", LocalAws.ACCESS_KEY);
            config.put("quarkus." + service + ".aws.credentials.static-provider.secret-access-key", LocalAws.SECRET_KEY);
        }
        config.put("gristmill.table", LocalAws.TABLE);
        return config;
    }

    @Override
    public void stop() {
        // LocalAws lives for the whole test JVM (shared by every test profile) and stops at exit.
    }
}
