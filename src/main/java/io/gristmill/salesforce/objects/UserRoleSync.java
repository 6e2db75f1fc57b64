package io.gristmill.salesforce.objects;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.activity.Activity;

/** Role names, for the directory's Salesforce role of each user. */
@ApplicationScoped
public class UserRoleSync implements SalesforceObjectSync {
    private static final SalesforceObject DEFINITION = SalesforceObject.modstamp("UserRole", "Name", "ParentRoleId");

    private final SalesforceNames names;

    public UserRoleSync(SalesforceNames names) {
        this.names = names;
    }

    @Override
    public SalesforceObject definition() {
        return DEFINITION;
    }

    @Override
    public int readOrder() {
        return DIRECTORY_FIRST;
    }

    @Override
    public List<String> prerequisites(boolean groupsSelected) {
        return List.of();
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
