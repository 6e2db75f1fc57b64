package io.gristmill.salesforce.objects;

import java.util.List;
import java.util.Map;

import io.gristmill.activity.Activity;

/**
 * Everything Gristmill knows about one Salesforce object, in one class: which fields it reads
 * ({@link #definition()}), what must finish syncing before it, and what its rows mean. The poller
 * iterates every subclass CDI finds (singletons: stateless, so no proxy), so adding an object is adding one class (and its
 * fixture under {@code src/test/resources/salesforce/objects/}).
 */
public abstract class SalesforceObjectSync {
    /** Read before everything else: the directory decides who later rows are credited to. */
    public static final int DIRECTORY_FIRST = 0;
    /** Read after the directory and before the objects whose rows need it (opportunities before their history). */
    public static final int PARENTS = 50;
    /** The usual place: after the directory and the parents, in the admin's order. */
    public static final int ACTIVITY = 100;

    private final SalesforceObject definition;

    protected SalesforceObjectSync(SalesforceObject definition) {
        this.definition = definition;
    }

    /** Name, cursor field, fields (metadata only) and whether it is read whole every poll. */
    public final SalesforceObject definition() {
        return definition;
    }

    public final String name() {
        return definition().name();
    }

    /** Lower reads first; equal keeps the admin's order. */
    public int readOrder() {
        return ACTIVITY;
    }

    /**
     * Objects that, when selected, must finish syncing in this poll before this one stores
     * anything, so what it stores never depends on which calls happened to fail: who is credited
     * (User), and with employee groups selected, who is in them.
     */
    public List<String> prerequisites(boolean groupsSelected) {
        return groupsSelected ? List.of("User", "Group", "GroupMember") : List.of("User");
    }

    /**
     * For a field history object: the parent's fields ({@code Object.Field}) whose changes it turns
     * into activity. Each needs Set History Tracking on in the org; {@code infra/salesforce} turns it on.
     */
    public List<String> trackedFields() {
        return List.of();
    }

    /** Fields read only with the tenant's explicit opt-in (note text). */
    public List<String> optInFields(boolean noteTextAllowed) {
        return List.of();
    }

    /** Called once per poll before any row is read, with the fields the org has. */
    public void beforeReading(List<String> fields, RowContext context) {
    }

    /** What a live row means: the activities to store (none is fine: some rows update the directory instead). */
    public abstract List<Activity> map(Map<String, Object> row, RowContext context);

    /** A deleted row (from {@code queryAll}): by default its record's activity goes with it. */
    public void deleted(String id, RowContext context) {
        context.deleteActivityOf(id);
    }

    /**
     * Whether each row is stored as it is read, so that a read may resume after any page; false
     * for rows that are gathered and applied together at the end of the window.
     */
    public boolean storesRowByRow() {
        return true;
    }

    /** After a window of this object was read to its end (users are applied managers first). */
    public void windowRead(RowContext context) {
    }

    /** After the poll read every selected object whole (a membership snapshot is applied only whole). */
    public void pollRead(RowContext context) {
    }

    /**
     * A history object of deals names its deal field here: when a deal comes back from the recycle
     * bin, its history rows return with their old {@code CreatedDate} (behind the cursor) and are
     * read again by deal.
     */
    public java.util.Optional<String> restoredParentField() {
        return java.util.Optional.empty();
    }
}
