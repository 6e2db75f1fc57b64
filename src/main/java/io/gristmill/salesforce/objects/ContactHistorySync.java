package io.gristmill.salesforce.objects;

import jakarta.enterprise.context.ApplicationScoped;

/** Owner changes of contacts. */
@ApplicationScoped
public class ContactHistorySync extends OwnerHistory {
    public ContactHistorySync() {
        super("Contact");
    }
}
