package io.gristmill.salesforce.objects;

import jakarta.enterprise.context.ApplicationScoped;

/** Owner changes of accounts. */
@ApplicationScoped
public class AccountHistorySync extends OwnerHistory {
    public AccountHistorySync() {
        super("Account");
    }
}
