package io.gristmill.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Creates the work queues in local SQS for an application under test and configures their URLs. */
public class WorkQueuesResource implements QuarkusTestResourceLifecycleManager {
    private static Map<String, String> queues;

    /** The configuration the last start produced ({@code gristmill.work.<job>-queue}, {@code test.work.<job>-dead-letters}). */
    public static Map<String, String> queues() {
        return queues;
    }

    @Override
    public Map<String, String> start() {
        queues = WorkQueues.create();
        return queues;
    }

    @Override
    public void stop() {
        // The queues live in the local SQS, which lives for the whole test JVM.
    }
}
