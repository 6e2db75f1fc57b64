package io.gristmill.salesforce.objects;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which fields of an object the poller reads (metadata only — never Subject, Description, Body or
 * Title), and which timestamp is its cursor: {@code SystemModstamp}, or {@code CreatedDate} for
 * history objects, which have no SystemModstamp. A snapshot object is read whole every poll
 * ({@code GroupMember} has no {@code IsDeleted}, so removals only show as absence).
 *
 * @param picklistOnly fields kept only when their value is one of the org's picklist values
 *                     ({@code Task.CallDisposition} is free text in most orgs: a CTI or a rep types
 *                     anything there, customer names included)
 */
public record SalesforceObject(String name, String cursorField, List<String> fields, boolean snapshot, Set<String> picklistOnly) {
    private static final List<String> COMMON = List.of("Id", "IsDeleted", "CreatedDate", "CreatedById");

    /** An object with {@code SystemModstamp}: created and changed rows both move it. */
    public static SalesforceObject modstamp(String name, String... own) {
        List<String> all = new ArrayList<>(COMMON);
        all.add("SystemModstamp");
        all.addAll(List.of(own));
        return new SalesforceObject(name, "SystemModstamp", List.copyOf(all), false, Set.of());
    }

    /** A history object: rows are only ever created, stamped {@code CreatedDate}. */
    public static SalesforceObject history(String name, String... own) {
        List<String> all = new ArrayList<>(COMMON);
        all.addAll(List.of(own));
        return new SalesforceObject(name, "CreatedDate", List.copyOf(all), false, Set.of());
    }

    /** An object read whole every poll, with exactly these fields. */
    public static SalesforceObject snapshot(String name, String... fields) {
        return new SalesforceObject(name, "SystemModstamp", List.of(fields), true, Set.of());
    }

    public SalesforceObject withPicklistOnly(String... picklistFields) {
        return new SalesforceObject(name, cursorField, fields, snapshot, Set.of(picklistFields));
    }

    /** The SOQL for rows stamped in {@code [from, to)}, oldest first (literals in SOQL dateTime form). */
    public String soql(List<String> selected, String from, String to) {
        return "SELECT " + String.join(",", selected) + " FROM " + name + " WHERE " + cursorField + " >= " + from
                + " AND " + cursorField + " < " + to + " ORDER BY " + cursorField + " ASC, Id ASC";
    }

    /**
     * The SOQL for every row of a history object about one parent record, oldest first: after an
     * undelete, a record's history comes back with its old {@code CreatedDate}, behind the cursor.
     */
    public String soqlOfParent(List<String> selected, String parentField, String parentId) {
        if (!Rows.isRecordId(parentId) || !fields.contains(parentField)) {
            throw new IllegalArgumentException("Not a record id of " + parentField + ": " + parentId);
        }
        return "SELECT " + String.join(",", selected) + " FROM " + name + " WHERE " + parentField + " = '" + parentId + "' ORDER BY "
                + cursorField + " ASC, Id ASC";
    }
}
