package io.gristmill.salesforce.objects;

import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.gristmill.activity.Activity;

/** Public group names: only public ({@code Regular}) groups become directory groups. */
@Singleton
public class GroupSync extends DirectoryObjectSync {
    private final SalesforceNames names;

    public GroupSync(SalesforceNames names) {
        super(SalesforceObject.modstamp("Group", "Name", "DeveloperName", "Type"), 1);
        this.names = names;
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
