package io.gristmill.salesforce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.salesforce.objects.SalesforceObjectSync;
import io.gristmill.salesforce.objects.SalesforceObjects;
import io.gristmill.sync.SyncCursor;
import io.gristmill.sync.SyncCursorStore;
import io.gristmill.tenant.TenantSettings;

/**
 * Which selected objects one poll reads, in which order, which fields and from when: the directory
 * first (it decides who later rows are credited to), deals before their details, then the admin's
 * order. Field lists come from a cached describe; an object or field the org lacks is skipped with
 * its reason while the rest keeps syncing.
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
        List<ObjectPlan> plans = new ArrayList<>();
        for (SalesforceObjectSync object : selected) {
            plan(token, object, settings.salesforce().noteText(), state).ifPresent(plans::add);
            if (state.overBudget()) {
                return List.of();
            }
        }
        plans.forEach(plan -> plan.object().beforeReading(plan.fields(), state));
        return plans;
    }

    private Optional<ObjectPlan> plan(AccessToken token, SalesforceObjectSync object, boolean noteText, PollState state) {
        String name = object.name();
        DescribeCache.Described described;
        try {
            described = describes.fields(state.tenantId(), name, () -> describe(token, object, state.meter));
        } catch (SalesforceUnavailableException down) {
            state.skip(name, "Salesforce did not answer its describe (" + down.getMessage() + "); retried next cycle");
            return Optional.empty();
        }
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
        Optional<Instant> cursor = cursors.get(state.tenantId(), SalesforceSecret.PROVIDER, name).map(SyncCursor::position);
        Instant from = object.definition().snapshot() ? Instant.EPOCH
                : cursor.map(position -> position.minus(config.lookback())).orElse(state.now().minus(config.backfill()));
        return Optional.of(new ObjectPlan(object, fields, described.picklists(), cursor, from, state.now()));
    }

    private DescribeCache.Described describe(AccessToken token, SalesforceObjectSync object, PollMeter meter) {
        try {
            return reader.describe(token, object.name(), object.definition().picklistOnly(), meter);
        } catch (SalesforceApiException e) {
            if (e.isMissingObjectOrField()) {
                return new DescribeCache.Described(List.of(), Optional.of("the org has no " + object.name() + " (" + e.errorCode() + ")"));
            }
            throw e;
        }
    }
}
