package io.gristmill.work;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The scheduled jobs that run per tenant: which tenants each one serves (those with the named
 * providers connected) and the worker that does one tenant's run.
 */
public enum Job {
    SALESFORCE_POLL(List.of("salesforce")),
    FRONT_RECONCILE(List.of("front")),
    RECAP_DRAFTS(List.of("salesforce", "front"));

    private final List<String> providers;

    Job(List<String> providers) {
        this.providers = providers;
    }

    /** The job's name in messages, schedules and metrics: {@code salesforce-poll}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A tenant is due when any of these is connected. */
    public List<String> providers() {
        return providers;
    }

    /** @throws IllegalArgumentException naming the jobs there are */
    public static Job of(String id) {
        return Arrays.stream(values()).filter(job -> job.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("job must be one of " + Arrays.stream(values()).map(Job::id).toList()
                        + ", not '" + id + "'"));
    }
}
