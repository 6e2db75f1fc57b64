package io.gristmill.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs the scheduled {@code recap-drafts} function. */
public class RecapDraftsProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.funqy.export", "recap-drafts");
    }
}
