package io.gristmill.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs one scheduled job per tenant, a bounded number at once, and returns their reports in the
 * tenants' order. Each job handles its own failures (a slow or failing tenant must not hold up
 * or stop the others); anything it lets escape fails the whole run.
 *
 * <p>Fair and bounded: the tenants start in a new random order every run, so no tenant is always
 * last when a run cannot reach everyone; and no job starts after {@code startBefore} (chosen so
 * that a job started just before it still ends within the function's timeout). A tenant not
 * started gets {@code notStarted}'s report and is served by the next run.
 */
public final class TenantFanOut {
    private TenantFanOut() {
    }

    public static <R> List<R> run(List<String> tenants, int concurrency, Clock clock, Instant startBefore, Function<String, R> job,
            Function<String, R> notStarted) {
        List<String> order = new ArrayList<>(new java.util.LinkedHashSet<>(tenants));
        Collections.shuffle(order);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, order.size())));
        try {
            java.util.Map<String, Future<R>> running = new java.util.HashMap<>();
            for (String tenant : order) {
                running.put(tenant, pool.submit(() -> clock.instant().isBefore(startBefore) ? job.apply(tenant) : notStarted.apply(tenant)));
            }
            List<R> reports = new ArrayList<>();
            for (String tenant : tenants) {
                reports.add(running.get(tenant).get());
            }
            return reports;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running tenant jobs", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("A tenant job failed outside its own error handling", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
