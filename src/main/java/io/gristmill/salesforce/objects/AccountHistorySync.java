package io.gristmill.salesforce.objects;

import jakarta.inject.Singleton;

/** Owner changes of accounts. */
@Singleton
public class AccountHistorySync extends OwnerHistory {
    public AccountHistorySync() {
        super("Account");
    }
}
