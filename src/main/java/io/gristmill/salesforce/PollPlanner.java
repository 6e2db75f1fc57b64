package io.gristmill.salesforce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.salesforce.objects.SalesforceObjectSync;
import io.gristmill.salesforce.objects.SalesforceObjects;
import io.gristmill.sync.SyncCursor;
import io.gristmill.sync.SyncCursorStore;
import io.gristmill.tenant.TenantSettings;

/**
 * Which selected objects one poll reads, in which order, which fields and from when: the directory
 * first (it decides who later rows are credited to), deals before their details, then the admin's
 * order. Field lists come from a cached describe (those not cached: up to 25 objects per call);
 * an object or field the org lacks is skipped with its reason while the rest keeps syncing.
 */
@ApplicationScoped
class PollPlanner {

    private final SalesforceObjects objects;
    private final DescribeCache describes;
    private final SalesforceReader reader;
    private final SyncCursorStore cursors;
    private final SalesforceConfig config;

    PollPlanner(SalesforceObjects objects, DescribeCache describes, SalesforceReader reader, SyncCursorStore cursors,
            SalesforceConfig config) {
        this.objects = objects;
        this.describes = describes;
        this.reader = reader;
        this.cursors = cursors;
        this.config = config;
    }

    /** The plans in reading order; empty when the API budget ran out while describing. */
    List<ObjectPlan> plan(AccessToken token, TenantSettings settings, PollState state) {
        List<SalesforceObjectSync> selected = new ArrayList<>(settings.salesforce().objects().stream()
                .map(objects::named).flatMap(Optional::stream).toList());
        selected.sort(Comparator.comparingInt(SalesforceObjectSync::readOrder)); // stable: the admin's order otherwise
        Map<String, DescribeCache.Described> described = described(token, selected, state);
        // Every cursor in one Query rather than one read per object.
        Map<String, SyncCursor> positions = cursors.all(state.tenantId(), SalesforceSecret.PROVIDER);
        List<ObjectPlan> plans = new ArrayList<>();
        for (SalesforceObjectSync object : selected) {
            Optional.ofNullable(described.get(object.name()))
                    .flatMap(d -> plan(object, d, Optional.ofNullable(positions.get(object.name())), settings.salesforce().noteText(), state))
                    .ifPresent(plans::add);
            if (state.overBudget()) {
                return List.of();
            }
        }
        plans.forEach(plan -> plan.object().beforeReading(plan.fields(), state));
        return plans;
    }

    /**
     * Each object's fields: from the describe cache, else described afresh, up to 25 objects per
     * composite call. An object whose describe failed is left out (skipped with its reason).
     */
    private Map<String, DescribeCache.Described> described(AccessToken token, List<SalesforceObjectSync> selected, PollState state) {
        Map<String, DescribeCache.Described> described = new HashMap<>();
        Map<String, Set<String>> missing = new LinkedHashMap<>();
        Map<String, DescribeCache.Described> cached = describes.cachedAll(state.tenantId()); // one Query for every object
        for (SalesforceObjectSync object : selected) {
            Optional.ofNullable(cached.get(object.name())).ifPresentOrElse(d -> described.put(object.name(), d),
                    () -> missing.put(object.name(), object.definition().picklistOnly()));
        }
        List<String> names = List.copyOf(missing.keySet());
        for (int i = 0; i < names.size() && !state.overBudget(); i += CompositeQueries.MAX_SUBREQUESTS) {
            Map<String, Set<String>> batch = new LinkedHashMap<>();
            names.subList(i, Math.min(names.size(), i + CompositeQueries.MAX_SUBREQUESTS)).forEach(name -> batch.put(name, missing.get(name)));
            try {
                reader.describeAll(token, batch, state.meter).forEach((name, answer) -> learn(name, answer, state).ifPresent(d -> described.put(name, d)));
            } catch (SalesforceUnavailableException down) {
                batch.keySet().forEach(name -> state.skip(name, "Salesforce did not answer its describe (" + down.getMessage() + "); retried next cycle"));
            }
        }
        return described;
    }

    /** What a describe answered, kept in the cache; empty (skipped) when it was refused for another reason than a missing object. */
    private Optional<DescribeCache.Described> learn(String name, SalesforceReader.Description answer, PollState state) {
        return switch (answer) {
            case SalesforceReader.Description.Read read -> Optional.of(describes.remember(state.tenantId(), name, read.described()));
            case SalesforceReader.Description.Refused refused when refused.error().isMissingObjectOrField() -> Optional.of(describes.remember(
                    state.tenantId(), name, new DescribeCache.Described(List.of(), Optional.of("the org has no " + name + " ("
                            + refused.error().errorCode() + ")"))));
            case SalesforceReader.Description.Refused refused -> {
                state.skip(name, "Salesforce refused its describe (" + refused.error().errorCode() + "); retried next cycle");
                yield Optional.empty();
            }
        };
    }

    private Optional<ObjectPlan> plan(SalesforceObjectSync object, DescribeCache.Described described, Optional<SyncCursor> stored,
            boolean noteText, PollState state) {
        String name = object.name();
        if (described.missingReason().isPresent()) {
            state.skip(name, described.missingReason().get());
            return Optional.empty();
        }
        List<String> wanted = new ArrayList<>(object.definition().fields());
        wanted.addAll(object.optInFields(noteText)); // only with the tenant's explicit opt-in
        List<String> fields = wanted.stream().filter(described.fields()::contains).toList();
        String cursorField = object.definition().cursorField();
        if (!fields.contains("Id") || !fields.contains(cursorField)) {
            state.skip(name, "the org's " + name + " has no " + cursorField);
            return Optional.empty();
        }
        Optional<Instant> cursor = stored.map(SyncCursor::position);
        Instant from = object.definition().snapshot() ? Instant.EPOCH
                : cursor.map(position -> position.minus(config.lookback())).orElse(state.now().minus(config.backfill()));
        return Optional.of(new ObjectPlan(object, fields, described.picklists(), cursor, from, state.now()));
    }
}
