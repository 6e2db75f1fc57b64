package io.gristmill.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.gristmill.config.GristmillConfig;
import io.gristmill.testing.Ids;
import io.gristmill.testing.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@QuarkusTest
class OnceLedgerTest {
    @Inject
    DynamoDbClient dynamo;

    @Inject
    GristmillConfig config;

    @Test
    void a_redelivered_event_is_recognized_until_its_record_expires() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
        OnceLedger ledger = new OnceLedger(dynamo, config, clock);
        String tenant = Ids.tenant();

        assertThat(ledger.firstTime(tenant, "front-webhook", "evt_1", Duration.ofDays(3), "stored")).isTrue();
        clock.advance(Duration.ofDays(2));
        assertThat(ledger.firstTime(tenant, "front-webhook", "evt_1", Duration.ofDays(3), "stored")).isFalse();
        clock.advance(Duration.ofDays(2));
        assertThat(ledger.firstTime(tenant, "front-webhook", "evt_1", Duration.ofDays(3), "stored"))
                .as("expired but not yet removed by TTL counts as absent").isTrue();
    }

    @Test
    void the_record_carries_a_ttl_for_dynamodb_to_remove_it() {
        Instant now = Instant.parse("2026-11-20T10:00:00Z");
        OnceLedger ledger = new OnceLedger(dynamo, config, new MutableClock(now));
        String tenant = Ids.tenant();
        ledger.firstTime(tenant, "front-webhook", "evt_ttl", Duration.ofHours(1), "stored");

        var item = dynamo.getItem(b -> b.tableName(config.table())
                .key(Table.key(OnceLedger.partition(tenant), "front-webhook#evt_ttl"))).item();
        assertThat(Long.parseLong(item.get(Table.EXPIRES_AT).n())).isEqualTo(now.plusSeconds(3600).getEpochSecond());
    }

    @Test
    void of_concurrent_deliveries_exactly_one_is_first() throws Exception {
        OnceLedger ledger = new OnceLedger(dynamo, config, java.time.Clock.systemUTC());
        String tenant = Ids.tenant();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Boolean>> results = pool.invokeAll(Collections.nCopies(6,
                    () -> ledger.firstTime(tenant, "front-webhook", "evt_race", Duration.ofDays(1), "stored")));
            long firsts = 0;
            for (Future<Boolean> result : results) {
                firsts += result.get() ? 1 : 0;
            }
            assertThat(firsts).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void keys_are_scoped_by_tenant() {
        OnceLedger ledger = new OnceLedger(dynamo, config, java.time.Clock.systemUTC());
        ledger.firstTime(Ids.tenant(), "front-webhook", "evt_shared", Duration.ofDays(1), "stored");

        assertThat(ledger.firstTime(Ids.tenant(), "front-webhook", "evt_shared", Duration.ofDays(1), "stored")).isTrue();
    }
}
