package io.gristmill.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link ConnectProfile} with a query read timeout of half a second, so that a simulated org whose
 * queries take longer than the client waits is quick to test.
 */
public class SlowOrgProfile extends ConnectProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("gristmill.salesforce.query-read-timeout", "PT0.5S");
        return config;
    }
}
