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
 * Starts a {@link SimulatedSalesforce} for the application under test, points every Salesforce
 * login host at it, and stores the app's client id/secret where an operator would: in Secrets
 * Manager under {@code gristmill/_app/salesforce}.
 */
public class SimulatedSalesforceResource implements QuarkusTestResourceLifecycleManager {
    public static final String REDIRECT_URI = "https://api.gristmill.test/connect/salesforce/callback";
    private static SimulatedSalesforce salesforce;

    public static SimulatedSalesforce salesforce() {
        return salesforce;
    }

    @Override
    public Map<String, String> start() {
        LocalAws aws = LocalAws.get();
        try (SecretsManagerClient secrets = SecretsManagerClient.builder()
                .endpointOverride(aws.secretsEndpoint)
                .region(Region.of(LocalAws.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            secrets.createSecret(b -> b.name("gristmill/_app/salesforce").secretString(
                    "{\"client_id\":\"" + SimulatedSalesforce.CLIENT_ID + "\",\"client_secret\":\"" + SimulatedSalesforce.CLIENT_SECRET + "\"}"));
        } catch (ResourceExistsException alreadyStored) {
            // a previous test profile in this JVM stored it
        }
        salesforce = new SimulatedSalesforce();
        return Map.of(
                "gristmill.salesforce.login-base-url-override", salesforce.baseUri().toString(),
                "gristmill.salesforce.redirect-uri", REDIRECT_URI);
    }

    @Override
    public void stop() {
        if (salesforce != null) {
            salesforce.close();
        }
    }
}
