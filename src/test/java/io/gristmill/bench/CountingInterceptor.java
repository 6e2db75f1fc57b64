package io.gristmill.bench;

import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Counts DynamoDB calls (one per API call, retries not counted twice) for storage-call benchmarks. */
public class CountingInterceptor implements ExecutionInterceptor {
    static final AtomicInteger CALLS = new AtomicInteger();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        CALLS.incrementAndGet();
    }
}
