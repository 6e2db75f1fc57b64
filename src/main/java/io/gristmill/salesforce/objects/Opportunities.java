package io.gristmill.salesforce.objects;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.gristmill.activity.Activity;

/**
 * The deals of one poll of one tenant: whether each one's pipeline is selected, the references
 * (name, account, currency) its history rows need, and what came before a row — this poll's earlier
 * rows first, else the deal's stored activity (read once per poll).
 */
public final class Opportunities {
    static final String CREATED = "opportunity.created";
    static final String STAGE_CHANGED = "opportunity.stage_changed";
    static final String STAGE_SET = "opportunity.stage_set";
    static final String REOPENED = "opportunity.reopened";
    private static final List<String> COPIED_REFERENCES = List.of("opportunityName", "accountId", "currency");

    /** Remembers deleted deals, so that their history is read again should they come back from the recycle bin. */
    public interface RecycleBin {
        void deleted(String opportunityId);

        /** Whether the deal was deleted before (and forgets it). */
        boolean takeDeleted(String opportunityId);
    }

    private final Set<String> pipelines;
    private final Function<String, List<Activity>> storedActivityOf;
    private final RecycleBin recycleBin;
    private final Map<String, Optional<Map<String, String>>> references = new HashMap<>();
    private final Map<String, Instant> created = new HashMap<>();
    private final Map<String, List<Activity>> stored = new HashMap<>();
    private final Map<String, String> lastStage = new HashMap<>();
    private final Set<String> restored = new LinkedHashSet<>();

    /**
     * @param pipelines        selected record type ids (empty: every pipeline)
     * @param storedActivityOf a deal's stored activity
     */
    public Opportunities(Set<String> pipelines, Function<String, List<Activity>> storedActivityOf, RecycleBin recycleBin) {
        this.pipelines = Set.copyOf(pipelines);
        this.storedActivityOf = storedActivityOf;
        this.recycleBin = recycleBin;
    }

    /** A deal's row was read: remembers it; true when its pipeline is selected. */
    boolean read(String id, Map<String, Object> row) {
        Instant createdAt = Rows.time(row, "CreatedDate");
        if (createdAt != null) {
            created.put(id, createdAt);
        }
        if (stored(id).isEmpty() && recycleBin.takeDeleted(id)) {
            restored.add(id);
        }
        String recordType = Rows.str(row, "RecordTypeId");
        boolean included = pipelines.isEmpty() || (recordType != null && pipelines.contains(recordType));
        references.put(id, included ? Optional.of(Rows.pairs("opportunityName", Rows.str(row, "Name"), "accountId",
                Rows.str(row, "AccountId"), "currency", Rows.str(row, "CurrencyIsoCode"))) : Optional.empty());
        return included;
    }

    /** Its history activity goes with it; should it be restored, the history is read again. */
    void deleted(String id) {
        recycleBin.deleted(id);
        stored.remove(id);
    }

    /** A restored deal's history could not be read again: it is remembered as deleted, so the next poll tries again. */
    public void notReadAgain(String opportunityId) {
        recycleBin.deleted(opportunityId);
    }

    /** Deals back from the recycle bin in this poll: their history is read again. */
    public Set<String> restored() {
        return Set.copyOf(restored);
    }

    /** The deal's references, or empty when its pipeline is not selected (or it was never synced). */
    Optional<Map<String, String>> references(String opportunityId) {
        return references.computeIfAbsent(opportunityId, this::storedReferences);
    }

    /** A deal synced before (its pipeline was selected then): its references from stored activity. */
    private Optional<Map<String, String>> storedReferences(String opportunityId) {
        Optional<Map<String, String>> fromCreation = stored(opportunityId).stream()
                .filter(a -> CREATED.equals(a.kind())).findFirst().map(Activity::references);
        return pipelines.isEmpty() ? Optional.of(fromCreation.orElse(Map.of())) : fromCreation;
    }

    /**
     * History rows do not carry the deal's name, account and currency: a recap needs them on every
     * item. Only those are copied (amounts come from the rows themselves), so the result is the
     * same whether the deal was read in this poll or an earlier one.
     */
    static Activity withReferences(Activity activity, Map<String, String> opportunity) {
        Map<String, String> refs = new HashMap<>(activity.references());
        for (String key : COPIED_REFERENCES) {
            if (opportunity.get(key) != null) {
                refs.putIfAbsent(key, opportunity.get(key));
            }
        }
        return new Activity(activity.tenantId(), activity.employeeId(), activity.occurredAt(), activity.source(), activity.kind(),
                activity.sourceRecordId(), activity.sourceFactId(), refs, activity.measures(), activity.metadata());
    }

    void stageSeen(String opportunityId, String stage) {
        lastStage.put(opportunityId, stage);
    }

    /** The deal's stage before this history row, if any stage of it is known. */
    Optional<String> previousStage(String opportunityId, Map<String, Object> row) {
        String seen = lastStage.get(opportunityId);
        if (seen != null) {
            return Optional.of(seen);
        }
        Instant at = Rows.time(row, "CreatedDate");
        String rowId = Rows.str(row, "Id");
        return stored(opportunityId).stream()
                .filter(a -> STAGE_CHANGED.equals(a.kind()) || STAGE_SET.equals(a.kind()))
                .filter(a -> at == null || a.occurredAt().isBefore(at))
                .filter(a -> !a.sourceFactId().equals(rowId))
                .reduce((first, second) -> second)
                .map(a -> a.metadata().get("toStage"));
    }

    /** When the deal was created, if it is known. */
    Optional<Instant> created(String opportunityId) {
        Instant seen = created.get(opportunityId);
        return seen != null ? Optional.of(seen)
                : stored(opportunityId).stream().filter(a -> CREATED.equals(a.kind())).findFirst().map(Activity::occurredAt);
    }

    /** How often the deal was reopened after being closed. */
    int reopens(String opportunityId) {
        return (int) stored(opportunityId).stream().filter(a -> REOPENED.equals(a.kind())).count();
    }

    /** Whether its latest stored close (won or lost) was not followed by a reopen. */
    boolean closed(String opportunityId) {
        String latestClose = opportunityId + ":closed#" + (reopens(opportunityId) + 1);
        return stored(opportunityId).stream().anyMatch(a -> latestClose.equals(a.sourceFactId()));
    }

    private List<Activity> stored(String opportunityId) {
        return stored.computeIfAbsent(opportunityId, id -> storedActivityOf.apply(id).stream()
                .sorted(Comparator.comparing(Activity::occurredAt)).toList());
    }
}
