package io.gristmill.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

/** The scheduled fan-out: fair to every tenant, and within its invocation's time. */
class TenantFanOutTest {
    private static final List<String> TENANTS = List.of("t1", "t2", "t3", "t4", "t5");

    @Test
    void tenants_start_in_a_different_order_from_run_to_run_so_none_is_always_last() {
        Set<String> lastOnes = new HashSet<>();
        for (int run = 0; run < 40; run++) {
            List<String> started = new CopyOnWriteArrayList<>();
            List<String> reports = TenantFanOut.run(TENANTS, 1, Clock.systemUTC(), Instant.now().plusSeconds(60), tenant -> {
                started.add(tenant);
                return tenant;
            }, tenant -> "not started");
            assertThat(reports).as("reports keep the tenants' order").containsExactlyElementsOf(TENANTS);
            lastOnes.add(started.get(started.size() - 1));
        }
        assertThat(lastOnes).hasSizeGreaterThan(1);
    }

    @Test
    void no_tenant_starts_after_the_runs_start_deadline() {
        Clock late = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
        List<String> started = new ArrayList<>();

        List<String> reports = TenantFanOut.run(TENANTS, 2, late, Instant.parse("2026-11-30T09:59:59Z"), tenant -> {
            started.add(tenant);
            return "ran";
        }, tenant -> "not started");

        assertThat(started).isEmpty();
        assertThat(reports).containsOnly("not started").hasSize(5);
    }
}
