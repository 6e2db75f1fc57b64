package io.gristmill.salesforce;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;


/**
 * A deal back from the recycle bin: its history rows come back with their old {@code CreatedDate},
 * behind the cursor, so they are read again by parent (one query per history object) and stored as
 * before. When Salesforce does not answer, the deal is remembered and tried again next cycle.
 */
@ApplicationScoped
class RestoredHistory {
    private static final Logger LOG = Logger.getLogger(RestoredHistory.class);

    private final SalesforceReader reader;
    private final PlanReader plans;

    RestoredHistory(SalesforceReader reader, PlanReader plans) {
        this.reader = reader;
        this.plans = plans;
    }

    void readAgain(AccessToken token, List<ObjectPlan> read, PollState state) {
        for (String opportunityId : state.opportunities().restored()) {
            for (ObjectPlan plan : read) {
                var parentField = plan.object().restoredParentField();
                if (parentField.isEmpty() || state.stopped()) {
                    continue;
                }
                try {
                    String soql = plan.object().definition().soqlOfParent(plan.fields(), parentField.get(), opportunityId);
                    plans.readAll(token, plan, reader.queryAll(token, soql, state.meter), state);
                    LOG.infof("Salesforce %s of restored opportunity %s (tenant %s) read again", plan.name(), opportunityId, state.tenantId());
                } catch (SalesforceApiException | SalesforceUnavailableException failed) {
                    state.opportunities().notReadAgain(opportunityId); // tried again next cycle
                    LOG.infof("Salesforce history of restored opportunity %s (tenant %s) not read this cycle: %s", opportunityId,
                            state.tenantId(), failed.getMessage());
                }
            }
        }
    }
}
