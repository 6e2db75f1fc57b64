package io.gristmill.config;

/**
 * The Lambda functions packaged in the one artifact; each deployed function selects one with
 * {@code QUARKUS_FUNQY_EXPORT}. The constant's hyphenated form is the {@code @Funq} name, so an
 * export that is not listed here is refused by configuration at startup with the allowed values.
 */
public enum FunctionName {
    /** The HTTP API behind API Gateway (settings, directory, recaps). Reads no token. */
    API,
    /** OAuth connect (start and finish), connection status and disconnect. Reads and writes tokens. */
    CONNECT,
    /** Scheduled incremental Salesforce polling of every connected tenant. */
    SALESFORCE_POLL,
    /** Signed Front webhook receipt (app and rule webhooks). Reads only Front secrets. */
    FRONT_WEBHOOK,
    /** Scheduled Front reconciliation (teammates, missed events, backfill) of every connected tenant. */
    FRONT_RECONCILE,
    /** Scheduled hourly: drafts the week that last ended for every employee of every connected tenant. */
    RECAP_DRAFTS,
    /** Run by each job's schedule: enqueues one run per due tenant on the job's SQS FIFO queue. */
    WORK_DISPATCH,
    /** One tenant's Salesforce poll per message of the poll queue. */
    SALESFORCE_POLL_WORKER,
    /** One tenant's Front reconciliation per message of the reconcile queue. */
    FRONT_RECONCILE_WORKER,
    /** One tenant's weekly drafts per message of the drafts queue. */
    RECAP_DRAFTS_WORKER;

    /** The name used in {@code @Funq} and in {@code QUARKUS_FUNQY_EXPORT}. */
    public String exportName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
