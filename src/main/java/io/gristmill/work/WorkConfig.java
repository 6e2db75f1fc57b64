package io.gristmill.work;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where per-tenant work is queued (template.yaml sets the URLs on the dispatcher and the workers). */
@ConfigMapping(prefix = "gristmill.work")
public interface WorkConfig {

    /** FIFO queue of {@code salesforce-poll} work. */
    Optional<String> salesforcePollQueue();

    /** FIFO queue of {@code front-reconcile} work. */
    Optional<String> frontReconcileQueue();

    /** FIFO queue of {@code recap-drafts} work. */
    Optional<String> recapDraftsQueue();

    /**
     * Schedule slot: a schedule that fires again within the same slot (a retry, a late delivery)
     * enqueues nothing twice. At most SQS's 5-minute de-duplication window.
     */
    @WithDefault("PT5M")
    Duration slot();

    /**
     * Whether worker metrics also carry a {@code Job}+{@code Tenant} dimension set (one CloudWatch
     * custom metric per tenant and figure, billed monthly each); without it, figures are by job and
     * the tenant stays a searchable field of the EMF log line (CloudWatch Logs Insights).
     */
    @WithDefault("true")
    boolean tenantMetrics();

    /** Continuations one scheduled run may chain (a backfill that needs many invocations). */
    @WithDefault("50")
    int maxContinuations();
}
