package io.gristmill.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

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
