package io.gristmill.salesforce.objects;

import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;


/** Salesforce users update the directory (who later rows are credited to); they are not activity. */
@Singleton
public class UserSync extends GatheringSync {
    private final SalesforceUsers users;

    public UserSync(SalesforceUsers users) {
        super(SalesforceObject.modstamp("User", "Email", "Username", "Name", "IsActive",
                "ManagerId", "UserRoleId", "UserType", "LastModifiedDate"), 2);
        this.users = users;
    }

    /** Once per window read, managers before their reports, so one pass sets every manager. */
    @Override
    public void windowRead(RowContext context) {
        List<Map<String, Object>> read = gathered(context);
        SalesforceUsers.managersFirst(read).forEach(user -> users.apply(context.tenantId(), user, context.providersOverrideAdmin()));
        read.clear();
        context.directoryChanged();
    }
}
