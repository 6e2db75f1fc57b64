package io.gristmill.testing;

import java.util.Arrays;

/** Percentiles of measured durations, as the benchmarks print them (nearest rank, in milliseconds). */
public final class Latencies {
    private Latencies() {
    }

    /** The {@code p} percentile (0 &lt; p ≤ 1) of {@code nanos}, in milliseconds; the array is left as it was. */
    public static double millis(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1);
        return sorted[index] / 1_000_000.0;
    }
}
