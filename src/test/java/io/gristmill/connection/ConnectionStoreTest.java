package io.gristmill.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.gristmill.aws.Table;
import io.gristmill.config.GristmillConfig;
import io.gristmill.testing.Ids;
import io.gristmill.testing.LocalAws;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Account ownership on DynamoDB Local, with the races a multi-tenant fleet produces. */
class ConnectionStoreTest {

    @Test
    void a_claim_racing_the_owners_release_writes_ownership_before_reporting_it() {
        DynamoDbClient real = LocalAws.get().dynamo();
        String owner = Ids.tenant();
        String claimant = Ids.tenant();
        String account = "cmp_" + Ids.tenant();
        new ConnectionStore(real, config(), Clock.systemUTC()).claimAccount(owner, "front", account);
        // Right after the claimant's conditional put is refused, the owner disconnects and lets go.
        AtomicBoolean released = new AtomicBoolean();
        DynamoDbClient racing = (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { DynamoDbClient.class },
                (proxy, method, args) -> {
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        if (e.getCause() instanceof ConditionalCheckFailedException && released.compareAndSet(false, true)) {
                            new ConnectionStore(real, config(), Clock.systemUTC()).releaseAccount(owner, "front", account);
                        }
                        throw e.getCause();
                    }
                });

        String reported = new ConnectionStore(racing, config(), Clock.systemUTC()).claimAccount(claimant, "front", account);

        assertThat(released).isTrue();
        assertThat(reported).isEqualTo(claimant);
        Map<String, AttributeValue> stored = real.getItem(b -> b.tableName(LocalAws.TABLE)
                .key(Table.key("ORG#front#" + account, "OWNER")).consistentRead(true)).item();
        assertThat(stored).as("the ownership it reported is written").isNotEmpty();
        assertThat(stored.get("tenantId").s()).isEqualTo(claimant);
    }

    @Test
    void a_sync_that_caught_up_records_its_status_and_when_in_one_write() {
        AtomicInteger calls = new AtomicInteger();
        ConnectionStore store = new ConnectionStore(counting(LocalAws.get().dynamo(), calls), config(), Clock.systemUTC());
        String tenant = Ids.tenant();
        store.connected(tenant, "salesforce", "00D" + tenant, "005x", "https://example.my.salesforce.com", "login.salesforce.com", "auth0|admin");
        Instant caughtUp = Instant.parse("2026-12-01T07:00:00Z");
        calls.set(0);

        store.recordSync(tenant, "salesforce", "ok", Optional.of(caughtUp));

        assertThat(calls).as("storage calls").hasValue(1);
        Connection stored = store.get(tenant, "salesforce");
        assertThat(stored.syncStatus()).isEqualTo("ok");
        assertThat(stored.lastSuccessfulSyncAt()).isEqualTo(caughtUp);
    }

    @Test
    void a_sync_that_did_not_catch_up_records_its_status_and_keeps_the_last_successful_sync() {
        ConnectionStore store = new ConnectionStore(LocalAws.get().dynamo(), config(), Clock.systemUTC());
        String tenant = Ids.tenant();
        store.connected(tenant, "front", "cmp_" + tenant, "tea_x", null, null, "auth0|admin");
        Instant caughtUp = Instant.parse("2026-12-01T07:00:00Z");
        store.recordSync(tenant, "front", "ok", Optional.of(caughtUp));

        store.recordSync(tenant, "front", "stopped for budget", Optional.empty());

        assertThat(store.get(tenant, "front").syncStatus()).isEqualTo("stopped for budget");
        assertThat(store.get(tenant, "front").lastSuccessfulSyncAt()).isEqualTo(caughtUp);
    }

    @Test
    void a_connection_disconnected_during_the_sync_gets_the_status_but_no_successful_sync() {
        ConnectionStore store = new ConnectionStore(LocalAws.get().dynamo(), config(), Clock.systemUTC());
        String tenant = Ids.tenant();
        store.connected(tenant, "front", "cmp_" + tenant, "tea_x", null, null, "auth0|admin");
        store.markDisconnected(tenant, "front");

        store.recordSync(tenant, "front", "ok", Optional.of(Instant.parse("2026-12-01T07:00:00Z")));

        assertThat(store.get(tenant, "front").syncStatus()).isEqualTo("ok");
        assertThat(store.get(tenant, "front").lastSuccessfulSyncAt()).as("not connected: no successful sync").isNull();
    }

    private static DynamoDbClient counting(DynamoDbClient real, AtomicInteger calls) {
        return (DynamoDbClient) Proxy.newProxyInstance(ConnectionStoreTest.class.getClassLoader(), new Class<?>[] { DynamoDbClient.class },
                (proxy, method, args) -> {
                    if (!method.getName().equals("serviceName") && !method.getName().equals("close")) {
                        calls.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static GristmillConfig config() {
        return (GristmillConfig) Proxy.newProxyInstance(ConnectionStoreTest.class.getClassLoader(), new Class<?>[] { GristmillConfig.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("table")) {
                        return LocalAws.TABLE;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
