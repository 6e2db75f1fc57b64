package io.gristmill.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a {@link SimulatedFront} for the application under test, points Front's API and OAuth
 * server at it, and stores the Gristmill Front app's credentials where an operator would: in
 * Secrets Manager under {@code gristmill/_app/front}.
 */
public class SimulatedFrontResource implements QuarkusTestResourceLifecycleManager {
    public static final String REDIRECT_URI = "https://app.gristmill.test/connect.html";
    private static SimulatedFront front;

    public static SimulatedFront front() {
        return front;
    }

    @Override
    public Map<String, String> start() {
        LocalAws aws = LocalAws.get();
        String value = "{\"client_id\":\"" + SimulatedFront.CLIENT_ID + "\",\"client_secret\":\"" + SimulatedFront.CLIENT_SECRET
                + "\",\"app_secret\":\"" + SimulatedFront.APP_SECRET + "\"}";
        aws.putSecret("gristmill/_app/front", value);
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
