package io.gristmill.salesforce.objects;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.gristmill.activity.Activity;

/**
 * A directory object whose rows only make sense together (users applied managers first, a
 * membership snapshot applied whole): its rows are gathered in the poll and applied later.
 */
abstract class GatheringSync extends DirectoryObjectSync {
    GatheringSync(SalesforceObject definition, int position) {
        super(definition, position);
    }

    @Override
    public final List<Activity> map(Map<String, Object> row, RowContext context) {
        gathered(context).add(row);
        return List.of();
    }

    @Override
    public final boolean storesRowByRow() {
        return false;
    }

    /** The rows gathered so far in this poll. */
    final List<Map<String, Object>> gathered(RowContext context) {
        return context.pollState(name() + " gathered", ArrayList::new);
    }
}
