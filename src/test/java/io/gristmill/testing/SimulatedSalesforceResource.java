package io.gristmill.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a {@link SimulatedSalesforce} for the application under test, points every Salesforce
 * login host at it, and stores the app's client id/secret where an operator would: in Secrets
 * Manager under {@code gristmill/_app/salesforce}.
 */
public class SimulatedSalesforceResource implements QuarkusTestResourceLifecycleManager {
    public static final String REDIRECT_URI = "https://app.gristmill.test/connect.html";
    private static SimulatedSalesforce salesforce;

    public static SimulatedSalesforce salesforce() {
        return salesforce;
    }

    @Override
    public Map<String, String> start() {
        LocalAws aws = LocalAws.get();
        aws.putSecret("gristmill/_app/salesforce",
                "{\"client_id\":\"" + SimulatedSalesforce.CLIENT_ID + "\",\"client_secret\":\"" + SimulatedSalesforce.CLIENT_SECRET + "\"}");
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
