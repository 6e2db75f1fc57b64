package io.gristmill.salesforce;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the API calls one poll spends and keeps the org's latest reported usage. */
public final class PollMeter {
    private final AtomicInteger calls = new AtomicInteger();
    private volatile ApiUsage usage;

    void called(String limitInfo) {
        calls.incrementAndGet();
        ApiUsage.parse(limitInfo).ifPresent(u -> usage = u);
    }

    public int calls() {
        return calls.get();
    }

    public Optional<ApiUsage> usage() {
        return Optional.ofNullable(usage);
    }
}
