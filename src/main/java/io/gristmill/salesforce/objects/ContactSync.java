package io.gristmill.salesforce.objects;

import static io.gristmill.salesforce.objects.Rows.pairs;
import static io.gristmill.salesforce.objects.Rows.str;

import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.gristmill.activity.Activity;

/** A new contact (no name or address is read), credited to its owner. */
@Singleton
public class ContactSync extends SalesforceObjectSync {
    public ContactSync() {
        super(SalesforceObject.modstamp("Contact", "AccountId", "OwnerId"));
    }

    @Override
    public List<Activity> map(Map<String, Object> row, RowContext context) {
        String id = str(row, "Id");
        return List.of(new Rows.Fact("contact.created", id, id, Rows.time(row, "CreatedDate"),
                pairs("contactId", id, "accountId", str(row, "AccountId")), Map.of(), Map.of()).creditedTo("OwnerId", row, context));
    }
}
