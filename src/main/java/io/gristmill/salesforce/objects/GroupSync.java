package io.gristmill.salesforce.objects;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.activity.Activity;

/** Public group names: only public ({@code Regular}) groups become directory groups. */
@ApplicationScoped
public class GroupSync implements SalesforceObjectSync {
    private static final SalesforceObject DEFINITION = SalesforceObject.modstamp("Group", "Name", "DeveloperName", "Type");

    private final SalesforceNames names;

    public GroupSync(SalesforceNames names) {
        this.names = names;
    }

    @Override
    public SalesforceObject definition() {
        return DEFINITION;
    }

    @Override
    public int readOrder() {
        return DIRECTORY_FIRST + 1;
    }

    @Override
    public List<String> prerequisites(boolean groupsSelected) {
        return List.of();
    }

    @Override
    public List<Activity> map(Map<String, Object> row, RowContext context) {
        if ("Regular".equals(row.get("Type"))) {
            names.put(context.tenantId(), "group", Rows.str(row, "Id"), String.valueOf(row.get("DeveloperName")));
        } else {
            deleted(Rows.str(row, "Id"), context);
        }
        return List.of();
    }

    @Override
    public void deleted(String id, RowContext context) {
        names.remove(context.tenantId(), "group", id);
    }
}
