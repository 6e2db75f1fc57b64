package io.gristmill.salesforce;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/** Why an object was not read this cycle, recorded in the poll's state (and the connection's status) and logged. */
@ApplicationScoped
class SkipReasons {
    private static final Logger LOG = Logger.getLogger(SkipReasons.class);

    private final DescribeCache describes;

    SkipReasons(DescribeCache describes) {
        this.describes = describes;
    }

    void afterError(String name, SalesforceApiException error, PollState state) {
        if (error.isMissingObjectOrField()) {
            // The org changed (a field went away): describe it afresh next time.
            describes.forget(state.tenantId(), name);
        } else if (error.isQuotaExhausted()) {
            state.budgetStop = true;
            state.quotaRefused = true;
        }
        state.skip(name, error.getMessage());
        LOG.infof("Salesforce %s of tenant %s skipped this cycle: %s", name, state.tenantId(), error.getMessage());
    }

    void unavailable(String name, SalesforceUnavailableException down, PollState state) {
        state.skip(name, "Salesforce did not answer (" + down.getMessage() + "); retried next cycle");
        LOG.infof("Salesforce %s of tenant %s skipped this cycle: %s", name, state.tenantId(), down.getMessage());
    }
}
