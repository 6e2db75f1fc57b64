package io.gristmill.salesforce.objects;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.activity.Activity;

/** Salesforce users update the directory (who later rows are credited to); they are not activity. */
@ApplicationScoped
public class UserSync implements SalesforceObjectSync {
    private static final SalesforceObject DEFINITION = SalesforceObject.modstamp("User", "Email", "Username", "Name", "IsActive",
            "ManagerId", "UserRoleId", "UserType", "LastModifiedDate");
    private static final String READ = "users read";

    private final SalesforceUsers users;

    public UserSync(SalesforceUsers users) {
        this.users = users;
    }

    @Override
    public SalesforceObject definition() {
        return DEFINITION;
    }

    @Override
    public int readOrder() {
        return DIRECTORY_FIRST + 2;
    }

    @Override
    public List<String> prerequisites(boolean groupsSelected) {
        return List.of();
    }

    @Override
    public List<Activity> map(Map<String, Object> row, RowContext context) {
        read(context).add(row);
        return List.of();
    }

    /** Once per window read, managers before their reports, so one pass sets every manager. */
    @Override
    public void windowRead(RowContext context) {
        List<Map<String, Object>> read = read(context);
        SalesforceUsers.managersFirst(read).forEach(user -> users.apply(context.tenantId(), user, context.providersOverrideAdmin()));
        read.clear();
        context.directoryChanged();
    }

    private static List<Map<String, Object>> read(RowContext context) {
        return context.pollState(READ, ArrayList::new);
    }
}
