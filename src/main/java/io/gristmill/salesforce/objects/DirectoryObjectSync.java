package io.gristmill.salesforce.objects;

import java.util.List;

/**
 * An object that updates the directory instead of becoming activity (users, roles, public groups
 * and their members): read first, in a fixed order, waiting for nothing.
 */
abstract class DirectoryObjectSync extends SalesforceObjectSync {
    private final int readOrder;

    /** @param position where among the directory objects it is read (0 first) */
    DirectoryObjectSync(SalesforceObject definition, int position) {
        super(definition);
        this.readOrder = DIRECTORY_FIRST + position;
    }

    @Override
    public final int readOrder() {
        return readOrder;
    }

    @Override
    public final List<String> prerequisites(boolean groupsSelected) {
        return List.of();
    }
}
