package io.gristmill.salesforce.objects;

import jakarta.inject.Singleton;

/** Owner changes of contacts. */
@Singleton
public class ContactHistorySync extends OwnerHistory {
    public ContactHistorySync() {
        super("Contact");
    }
}
