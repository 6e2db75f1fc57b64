package io.gristmill.work;

/**
 * One unit of work: one run of a job for one tenant, the body of one SQS message.
 *
 * @param slot         the schedule slot it was dispatched in (epoch seconds of the slot's start)
 * @param continuation 0 for a scheduled run; n for the n-th run that continues one which stopped
 *                     at its deadline with work left (a long backfill)
 */
public record WorkOrder(String job, String tenantId, long slot, int continuation) {

    /**
     * Refuses a message that is not this job's work for a tenant (sent to the wrong queue, or not
     * a work order): it fails, comes back a few times and ends in the dead-letter queue to be looked at.
     */
    public void requireJob(Job expected) {
        if (!expected.id().equals(job) || tenantId == null || tenantId.isBlank()) {
            throw new IllegalArgumentException("Not " + expected.id() + " work for a tenant: " + this);
        }
    }

    public WorkOrder next() {
        return new WorkOrder(job, tenantId, slot, continuation + 1);
    }

    /** Unique per job, tenant, slot and continuation: SQS drops a second message with the same id within 5 minutes. */
    public String deduplicationId() {
        String id = job + "." + tenantId + "." + slot + "." + continuation;
        return id.length() <= 128 ? id : FairOrder.hash(id);
    }
}
