package io.gristmill.testing;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs the {@code work-dispatch} function with the work queues in local SQS. */
public class WorkDispatchProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.funqy.export", "work-dispatch");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(WorkQueuesResource.class));
    }
}
