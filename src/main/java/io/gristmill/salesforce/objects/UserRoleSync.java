package io.gristmill.salesforce.objects;

import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.gristmill.activity.Activity;

/** Role names, for the directory's Salesforce role of each user. */
@Singleton
public class UserRoleSync extends DirectoryObjectSync {
    private final SalesforceNames names;

    public UserRoleSync(SalesforceNames names) {
        super(SalesforceObject.modstamp("UserRole", "Name", "ParentRoleId"), 0);
        this.names = names;
    }

    @Override
    public List<Activity> map(Map<String, Object> row, RowContext context) {
        names.put(context.tenantId(), "role", Rows.str(row, "Id"), String.valueOf(row.get("Name")));
        return List.of();
    }

    @Override
    public void deleted(String id, RowContext context) {
        names.remove(context.tenantId(), "role", id);
    }
}
