package io.gristmill.salesforce.objects;

import static io.gristmill.salesforce.objects.Rows.pairs;
import static io.gristmill.salesforce.objects.Rows.str;

import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.gristmill.activity.Activity;

/** A new account, credited to its owner. */
@Singleton
public class AccountSync extends SalesforceObjectSync {
    public AccountSync() {
        super(SalesforceObject.modstamp("Account", "Name", "OwnerId"));
    }

    @Override
    public List<Activity> map(Map<String, Object> row, RowContext context) {
        String id = str(row, "Id");
        return List.of(new Rows.Fact("account.created", id, id, Rows.time(row, "CreatedDate"),
                pairs("accountId", id, "accountName", str(row, "Name")), Map.of(), Map.of()).creditedTo("OwnerId", row, context));
    }
}
