package io.gristmill.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;

/**
 * Starts a {@link SimulatedFront} for the application under test, points Front's API and OAuth
 * server at it, and stores the Gristmill Front app's credentials where an operator would: in
 * Secrets Manager under {@code gristmill/_app/front}.
 */
public class SimulatedFrontResource implements QuarkusTestResourceLifecycleManager {
    public static final String REDIRECT_URI = "https://api.gristmill.test/connect/front/callback";
    private static SimulatedFront front;

    public static SimulatedFront front() {
        return front;
    }

    @Override
    public Map<String, String> start() {
        LocalAws aws = LocalAws.get();
        String value = "{\"client_id\":\"" + SimulatedFront.CLIENT_ID + "\",\"client_secret\":\"" + SimulatedFront.CLIENT_SECRET
                + "\",\"app_secret\":\"" + SimulatedFront.APP_SECRET + "\"}";
        try (SecretsManagerClient secrets = SecretsManagerClient.builder()
                .endpointOverride(aws.secretsEndpoint)
                .region(Region.of(LocalAws.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            try {
                secrets.createSecret(b -> b.name("gristmill/_app/front").secretString(value));
            } catch (ResourceExistsException alreadyStored) {
                secrets.putSecretValue(b -> b.secretId("gristmill/_app/front").secretString(value));
            }
        }
        front = new SimulatedFront();
        return Map.of(
                "gristmill.front.api-base-url", front.baseUri().toString(),
                "gristmill.front.auth-base-url", front.baseUri().toString(),
                "gristmill.front.redirect-uri", REDIRECT_URI);
    }

    @Override
    public void stop() {
        if (front != null) {
            front.close();
        }
    }
}
