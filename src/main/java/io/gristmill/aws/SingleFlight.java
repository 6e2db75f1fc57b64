package io.gristmill.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One token refresh at a time per tenant and provider, across concurrent invocations: whoever
 * takes the lease refreshes; the others wait (backing off from 25 to 400 ms) until the new token
 * is stored, or give up after its patience. Both providers' token holders use it, so the waiting
 * rules are one piece of code.
 */
public final class SingleFlight {
    private SingleFlight() {
    }

    /** What is single-flighted: the lease to hold, how long to wait, and how to tell and fail. */
    public record Flight(String tenantId, String leaseName, Duration leaseLength, Duration patience, Function<String, RuntimeException> failure) {
    }

    /**
     * @param doneMeanwhile the result someone else already stored (read afresh on every try), if any
     * @param underLease    the refresh itself, run while holding the lease
     */
    public static <T> T run(LeaseStore leases, Clock clock, Flight flight, Supplier<Optional<T>> doneMeanwhile, Supplier<T> underLease) {
        Instant deadline = clock.instant().plus(flight.patience());
        long pause = 25;
        while (true) {
            Optional<T> done = doneMeanwhile.get();
            if (done.isPresent()) {
                return done.get();
            }
            Optional<LeaseStore.Lease> lease = leases.tryAcquire(flight.tenantId(), flight.leaseName(), flight.leaseLength());
            if (lease.isPresent()) {
                try {
                    return underLease.get();
                } finally {
                    leases.release(lease.get());
                }
            }
            if (clock.instant().isAfter(deadline)) {
                throw flight.failure().apply("Timed out waiting for another invocation to refresh the token");
            }
            sleep(pause, flight);
            pause = Math.min(pause * 2, 400);
        }
    }

    private static void sleep(long millis, Flight flight) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw flight.failure().apply("Interrupted while waiting for a token refresh");
        }
    }
}
