package io.gristmill.connection;

import static io.gristmill.aws.Table.s;
import static io.gristmill.aws.Table.str;
import static io.gristmill.aws.Table.tenantKey;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.aws.Table;
import io.gristmill.config.GristmillConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Connection records ({@code T#t / CONN#provider}) and which tenant owns a provider account
 * ({@code ORG#provider#account / OWNER}), so that one Salesforce org feeds one tenant only.
 */
@ApplicationScoped
public class ConnectionStore {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public ConnectionStore(DynamoDbClient dynamo, GristmillConfig config, Clock clock) {
        this.dynamo = dynamo;
        this.table = config.table();
        this.clock = clock;
    }

    public Connection get(String tenantId, String provider) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Table.key(tenantKey(tenantId), "CONN#" + provider)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Connection.never(provider);
        }
        return new Connection(provider, ConnectionState.valueOf(str(item, "state")), str(item, "account"),
                str(item, "accountUser"), str(item, "instanceUrl"), str(item, "loginHost"), str(item, "connectedBy"),
                instant(item, "connectedAt"), instant(item, "lastSuccessfulSyncAt"), str(item, "reason"),
                instant(item, "changedAt"), str(item, "syncStatus"));
    }

    /**
     * Makes {@code tenantId} the owner of a provider account unless another tenant owns it.
     * Returns the owner after the call.
     */
    public String claimAccount(String tenantId, String provider, String account) {
        Map<String, AttributeValue> item = new HashMap<>(Table.key(accountKey(provider, account), "OWNER"));
        item.put("type", s("account-owner"));
        item.put("tenantId", s(tenantId));
        // Ownership is only ever reported from a write that succeeded or an owner that was read:
        // if the owner let go between our refused put and our read, the put is tried again.
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.putItem(b -> b.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(#pk) OR tenantId = :me")
                        .expressionAttributeNames(Map.of("#pk", Table.PK))
                        .expressionAttributeValues(Map.of(":me", s(tenantId))));
                return tenantId;
            } catch (ConditionalCheckFailedException ownedByAnother) {
                Map<String, AttributeValue> owner = dynamo.getItem(b -> b.tableName(table)
                        .key(Table.key(accountKey(provider, account), "OWNER")).consistentRead(true)).item();
                if (owner != null && !owner.isEmpty()) {
                    return str(owner, "tenantId");
                }
                if (attempt == CLAIM_ATTEMPTS) {
                    throw new IllegalStateException("Ownership of " + provider + " account " + account + " kept changing; try again");
                }
            }
        }
    }

    private static final int CLAIM_ATTEMPTS = 5;

    /** The tenant that owns a provider account (e.g. the Front company of an app webhook). */
    public Optional<String> ownerOf(String provider, String account) {
        Map<String, AttributeValue> owner = dynamo.getItem(b -> b.tableName(table)
                .key(Table.key(accountKey(provider, account), "OWNER"))).item();
        return owner == null || owner.isEmpty() ? Optional.empty() : Optional.ofNullable(str(owner, "tenantId"));
    }

    /** Gives up ownership of an account this tenant owns (no-op otherwise). */
    public void releaseAccount(String tenantId, String provider, String account) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(Table.key(accountKey(provider, account), "OWNER"))
                    .conditionExpression("tenantId = :me")
                    .expressionAttributeValues(Map.of(":me", s(tenantId))));
        } catch (ConditionalCheckFailedException notOurs) {
            // another tenant owns it, or nobody: nothing to release
        }
    }

    public Connection connected(String tenantId, String provider, String account, String accountUser, String instanceUrl,
            String loginHost, String connectedBy) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = new HashMap<>(Table.key(tenantKey(tenantId), "CONN#" + provider));
        item.put("type", s("connection"));
        item.put("state", s(ConnectionState.CONNECTED.name()));
        item.put("account", s(account));
        // Optional per provider (Front has no authorizing user id, no login host).
        if (accountUser != null) {
            item.put("accountUser", s(accountUser));
        }
        if (instanceUrl != null) {
            item.put("instanceUrl", s(instanceUrl));
        }
        if (loginHost != null) {
            item.put("loginHost", s(loginHost));
        }
        item.put("connectedBy", s(connectedBy));
        item.put("connectedAt", s(now.toString()));
        // Only connected connections are in this index: the scheduler's list of tenants to sync.
        item.put(Table.GSI1PK, s(connectedKey(provider)));
        item.put(Table.GSI1SK, s(tenantId));
        item.put("changedAt", s(now.toString()));
        dynamo.putItem(b -> b.tableName(table).item(item));
        return get(tenantId, provider);
    }

    /**
     * Moves a connected connection to {@link ConnectionState#RECONNECT_REQUIRED}. Returns true only
     * for the call that made the change, so that it is logged once.
     */
    public boolean markReconnectRequired(String tenantId, String provider, String reason) {
        return transition(tenantId, provider, ConnectionState.CONNECTED, ConnectionState.RECONNECT_REQUIRED, Optional.of(reason));
    }

    public void markDisconnected(String tenantId, String provider) {
        Instant now = clock.instant();
        dynamo.updateItem(b -> b.tableName(table).key(Table.key(tenantKey(tenantId), "CONN#" + provider))
                .updateExpression("SET #state = :state, changedAt = :now, #type = :type REMOVE reason, GSI1PK, GSI1SK")
                .expressionAttributeNames(Map.of("#state", "state", "#type", "type"))
                .expressionAttributeValues(Map.of(":state", s(ConnectionState.DISCONNECTED.name()), ":now", s(now.toString()),
                        ":type", s("connection"))));
    }

    /**
     * Records how a sync ended ({@code status}) and, when it caught up, when — in one write while the
     * connection is connected. A connection disconnected meanwhile keeps its last successful sync
     * and still gets the status, as {@link #recordSyncStatus} alone would give it.
     */
    public void recordSync(String tenantId, String provider, String status, Optional<Instant> caughtUpAt) {
        if (caughtUpAt.isEmpty()) {
            recordSyncStatus(tenantId, provider, status);
            return;
        }
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Table.key(tenantKey(tenantId), "CONN#" + provider))
                    .updateExpression("SET syncStatus = :status, lastSuccessfulSyncAt = :at")
                    .conditionExpression("#state = :connected")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":status", s(status), ":at", s(caughtUpAt.get().toString()),
                            ":connected", s(ConnectionState.CONNECTED.name()))));
        } catch (ConditionalCheckFailedException notConnected) {
            recordSyncStatus(tenantId, provider, status); // disconnected meanwhile: no successful sync to record
        }
    }

    private boolean transition(String tenantId, String provider, ConnectionState from, ConnectionState to, Optional<String> reason) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":from", s(from.name()));
        values.put(":to", s(to.name()));
        values.put(":now", s(clock.instant().toString()));
        reason.ifPresent(r -> values.put(":reason", s(r)));
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Table.key(tenantKey(tenantId), "CONN#" + provider))
                    .updateExpression("SET #state = :to, changedAt = :now" + (reason.isPresent() ? ", reason = :reason" : "")
                            + (to == ConnectionState.CONNECTED ? "" : " REMOVE GSI1PK, GSI1SK"))
                    .conditionExpression("#state = :from")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException notInThatState) {
            return false;
        }
    }

    /** Tenants whose connection to {@code provider} is connected (one Query on GSI1). */
    public java.util.List<String> connectedTenants(String provider) {
        java.util.List<String> tenants = new java.util.ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName(table).indexName(Table.GSI1)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", Table.GSI1PK))
                .expressionAttributeValues(Map.of(":pk", s(connectedKey(provider)))))
                .items().forEach(item -> tenants.add(str(item, Table.GSI1SK)));
        return tenants;
    }

    /** What the last sync did, shown in the connection status. */
    public void recordSyncStatus(String tenantId, String provider, String status) {
        dynamo.updateItem(b -> b.tableName(table).key(Table.key(tenantKey(tenantId), "CONN#" + provider))
                .updateExpression("SET syncStatus = :status")
                .conditionExpression("attribute_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", Table.PK))
                .expressionAttributeValues(Map.of(":status", s(status))));
    }

    /**
     * Sets a short-lived marker on a tenant's connection (e.g. "a token refresh may have been
     * honoured without our hearing back"); it expires by itself after {@code ttl}.
     */
    public void mark(String tenantId, String provider, String marker, java.time.Duration ttl) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = new HashMap<>(Table.key(tenantKey(tenantId), markerKey(provider, marker)));
        item.put("type", s("connection-marker"));
        item.put("setAt", s(now.toString()));
        item.put("expiresAtMillis", Table.n(now.plus(ttl).toEpochMilli()));
        item.put(Table.EXPIRES_AT, Table.n(now.plus(ttl).getEpochSecond() + 1));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /** Removes a marker; true when it was set and not expired (only one caller gets true). */
    public boolean takeMarker(String tenantId, String provider, String marker) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(Table.key(tenantKey(tenantId), markerKey(provider, marker)))
                    .conditionExpression("expiresAtMillis > :now")
                    .expressionAttributeValues(Map.of(":now", Table.n(clock.instant().toEpochMilli()))));
            return true;
        } catch (ConditionalCheckFailedException absentOrExpired) {
            return false;
        }
    }

    /**
     * Deletes a tenant's items whose sort keys start with any of {@code prefixes} (sync cursors,
     * cached describes, names of a provider account that is no longer connected); returns how many.
     */
    public int forget(String tenantId, List<String> prefixes) {
        int deleted = 0;
        for (String prefix : prefixes) {
            for (Map<String, AttributeValue> item : dynamo.queryPaginator(b -> b.tableName(table)
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                    .expressionAttributeNames(Map.of("#pk", Table.PK, "#sk", Table.SK))
                    .expressionAttributeValues(Map.of(":pk", s(tenantKey(tenantId)), ":prefix", s(prefix)))
                    .projectionExpression("#pk, #sk")).items()) {
                dynamo.deleteItem(b -> b.tableName(table).key(Map.of(Table.PK, item.get(Table.PK), Table.SK, item.get(Table.SK))));
                deleted++;
            }
        }
        return deleted;
    }

    private static String markerKey(String provider, String marker) {
        return "MARK#" + provider + "#" + marker;
    }

    private static String connectedKey(String provider) {
        return "CONNECTED#" + provider;
    }

    private static String accountKey(String provider, String account) {
        return "ORG#" + provider + "#" + account;
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = str(item, name);
        return value == null ? null : Instant.parse(value);
    }
}
