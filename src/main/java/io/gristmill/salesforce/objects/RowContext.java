package io.gristmill.salesforce.objects;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** What an object's rows are read against in one poll of one tenant. */
public interface RowContext {
    String tenantId();

    /** When this poll started reading. */
    Instant now();

    /** The employee credited with what a Salesforce user did at a time (empty: unattributed). */
    Optional<String> employeeFor(String salesforceUserId, Instant at);

    /** The deals of this poll and before: pipelines, references and what came before a history row. */
    Opportunities opportunities();

    /** Reads the org's default currency once per poll (a single-currency org's deals carry none). */
    void readOrgCurrency();

    /** The org's default currency if it was read in this poll and Salesforce answered. */
    Optional<String> orgCurrency();

    /** Directory edits by providers win over the admin's (the tenant's choice). */
    boolean providersOverrideAdmin();

    /** Removes a deleted record's activity. */
    void deleteActivityOf(String recordId);

    /** The directory changed (users were applied): who is credited must be looked up again. */
    void directoryChanged();

    /** This poll's working state of one object, created on first use (users gathered across pages). */
    <T> T pollState(String key, Supplier<T> initial);
}
