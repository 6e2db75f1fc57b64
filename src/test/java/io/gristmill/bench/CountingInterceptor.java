package io.gristmill.bench;

import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Counts DynamoDB calls (one per API call, retries not counted twice) for storage-call benchmarks. */
public class CountingInterceptor implements ExecutionInterceptor {
    static final AtomicInteger CALLS = new AtomicInteger();
    /** The same calls by operation ("Query", "BatchGetItem"...), to say where they go. */
    static final java.util.Map<String, AtomicInteger> BY_OPERATION = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        CALLS.incrementAndGet();
        String operation = attributes.getAttribute(software.amazon.awssdk.core.interceptor.SdkExecutionAttribute.OPERATION_NAME);
        BY_OPERATION.computeIfAbsent(String.valueOf(operation), o -> new AtomicInteger()).incrementAndGet();
    }

    /** Starts counting from zero. */
    static void reset() {
        CALLS.set(0);
        BY_OPERATION.clear();
    }
}
