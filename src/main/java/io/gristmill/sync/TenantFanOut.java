package io.gristmill.sync;

import java.util.ArrayList;
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
 */
public final class TenantFanOut {
    private TenantFanOut() {
    }

    public static <R> List<R> run(List<String> tenants, int concurrency, Function<String, R> job) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, tenants.size())));
        try {
            List<Future<R>> running = new ArrayList<>();
            for (String tenant : tenants) {
                running.add(pool.submit(() -> job.apply(tenant)));
            }
            List<R> reports = new ArrayList<>();
            for (Future<R> report : running) {
                reports.add(report.get());
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
