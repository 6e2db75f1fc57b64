package io.gristmill.front;

import java.time.Instant;
import java.util.Optional;

/**
 * Work that runs in a tenant's reconciliation once its events are all read, with the tenant's
 * reconcile lease held (approved conversation summaries: front.summary). Front failures it throws
 * end the run as the reconciler's own would.
 */
public interface AfterReconcile {
    /** Returns a few words for the connection's status, or empty when there is nothing to say. */
    Optional<String> run(String tenantId, String token, FrontRateMeter meter, Instant deadline);
}
