package io.gristmill.front;

/**
 * What Front's {@code x-ratelimit-*} headers said last, within one run. Front's limit is per
 * company and shared with everything else the company runs, so a run stops while a share of it
 * is still left rather than at zero.
 */
public final class FrontRateMeter {
    private int calls;
    private int limit = -1;
    private int remaining = -1;

    synchronized void saw(String limitHeader, String remainingHeader) {
        calls++;
        limit = parse(limitHeader, limit);
        remaining = parse(remainingHeader, remaining);
    }

    public synchronized int calls() {
        return calls;
    }

    /** Whether less than {@code reserve} (a share of the limit) is left in the current window. */
    public synchronized boolean belowReserve(double reserve) {
        return limit > 0 && remaining >= 0 && remaining < Math.ceil(limit * reserve);
    }

    public synchronized String describe() {
        return limit < 0 ? "unknown" : remaining + " of " + limit + " left";
    }

    private static int parse(String header, int fallback) {
        try {
            return header == null ? fallback : Integer.parseInt(header.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
