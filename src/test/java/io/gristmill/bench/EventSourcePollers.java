package io.gristmill.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What Lambda's SQS event source mapping does at {@code MaximumConcurrency} = {@code workers} and
 * {@code BatchSize} 1, for the benchmarks: several pollers (Lambda starts five for a busy queue and
 * adds more while messages remain — "Configuring scaling behavior for SQS event source mappings",
 * AWS Lambda developer guide), each receiving up to ten messages a call but never more than there
 * are free workers, every message one invocation, the handled ones deleted up to ten a call.
 */
final class EventSourcePollers {
    /** Lambda's starting number of pollers; never more pollers than workers. */
    private static final int POLLERS = 5;

    private final SqsClient sqs;
    private final String queue;
    private final int expected;
    private final Semaphore free;
    private final BlockingQueue<String> handled = new LinkedBlockingQueue<>();
    private final Queue<Future<?>> invocations = new ConcurrentLinkedQueue<>();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger deleted = new AtomicInteger();
    private final ExecutorService workers;

    private EventSourcePollers(SqsClient sqs, String queue, int expected, int workers) {
        this.sqs = sqs;
        this.queue = queue;
        this.expected = expected;
        this.free = new Semaphore(workers);
        this.workers = Executors.newFixedThreadPool(workers);
    }

    /** Runs {@code invocation} once for each of the {@code expected} messages, at most {@code workers} at a time. */
    static void drain(SqsClient sqs, String queue, int expected, int workers, Consumer<Message> invocation) throws Exception {
        EventSourcePollers source = new EventSourcePollers(sqs, queue, expected, workers);
        int pollers = Math.min(POLLERS, workers);
        ExecutorService polling = Executors.newFixedThreadPool(pollers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < pollers; i++) {
                running.add(polling.submit(() -> {
                    source.poll(invocation);
                    return null;
                }));
            }
            for (Future<?> poller : running) {
                poller.get();
            }
            source.failIfAnyInvocationFailed();
        } finally {
            polling.shutdownNow();
            source.workers.shutdownNow();
        }
    }

    private void poll(Consumer<Message> invocation) throws Exception {
        while (deleted.get() < expected) {
            deleted.addAndGet(deleteHandled());
            failIfAnyInvocationFailed();
            int wanted = Math.min(10, expected - received.get());
            if (wanted <= 0) { // all handed out: wait for the last invocations to end, then delete them
                String next = handled.poll(50, TimeUnit.MILLISECONDS);
                if (next != null) {
                    handled.add(next);
                }
                continue;
            }
            if (!free.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                continue; // every worker busy
            }
            int permits = 1;
            while (permits < wanted && free.tryAcquire()) {
                permits++;
            }
            int asking = permits;
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(asking).waitTimeSeconds(0)).messages();
            free.release(permits - batch.size());
            received.addAndGet(batch.size());
            for (Message message : batch) {
                invocations.add(workers.submit(() -> {
                    try {
                        invocation.accept(message);
                    } finally {
                        free.release();
                    }
                    handled.add(message.receiptHandle());
                    return null;
                }));
            }
        }
    }

    /** Deletes what the invocations handled, ten a call; returns how many. */
    private int deleteHandled() {
        int count = 0;
        List<String> receipts = new ArrayList<>();
        while (handled.drainTo(receipts, 10) > 0) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < receipts.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i)).receiptHandle(receipts.get(i)).build());
            }
            assertThat(sqs.deleteMessageBatch(b -> b.queueUrl(queue).entries(entries)).failed()).isEmpty();
            count += receipts.size();
            receipts.clear();
        }
        return count;
    }

    /** A failed run fails the bench. */
    private void failIfAnyInvocationFailed() throws InterruptedException, ExecutionException {
        for (var it = invocations.iterator(); it.hasNext();) {
            Future<?> invocation = it.next();
            if (invocation.isDone()) {
                invocation.get();
                it.remove();
            }
        }
    }
}
