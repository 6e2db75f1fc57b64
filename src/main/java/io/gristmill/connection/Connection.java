package io.gristmill.connection;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A tenant's connection to one provider, as shown to admins. Holds no token.
 *
 * @param account      the provider account: Salesforce org id, Front company id
 * @param accountUser  who authorized at the provider (Salesforce user id)
 * @param connectedBy  the Gristmill admin who connected it
 * @param reason       why it needs a reconnect, when it does
 * @param syncStatus   what the last sync did or why it stopped (budget, skipped objects)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Connection(
        String provider,
        ConnectionState state,
        String account,
        String accountUser,
        String instanceUrl,
        String loginHost,
        String connectedBy,
        Instant connectedAt,
        Instant lastSuccessfulSyncAt,
        String reason,
        Instant changedAt,
        String syncStatus) {

    public static Connection never(String provider) {
        return new Connection(provider, ConnectionState.DISCONNECTED, null, null, null, null, null, null, null, null, null, null);
    }
}
