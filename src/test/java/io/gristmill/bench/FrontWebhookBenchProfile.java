package io.gristmill.bench;

import java.util.HashMap;
import java.util.Map;

import io.gristmill.testing.FrontWebhookProfile;

/** The webhook function with every DynamoDB call counted. */
public class FrontWebhookBenchProfile extends FrontWebhookProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("quarkus.dynamodb.interceptors", CountingInterceptor.class.getName());
        overrides.remove("gristmill.front.webhook-lookups-max-age"); // as deployed
        return overrides;
    }
}
