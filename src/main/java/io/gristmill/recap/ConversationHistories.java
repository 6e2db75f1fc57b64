package io.gristmill.recap;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;

import io.gristmill.activity.Activity;
import io.gristmill.activity.ActivityStore;
import io.gristmill.activity.ConversationDigests;
import io.gristmill.activity.Source;

/** Reads what recaps measure the Front conversations an employee worked on by. */
@ApplicationScoped
class ConversationHistories {
    private final ActivityStore activities;
    private final ConversationDigests digests;
    private final RecapConfig config;

    ConversationHistories(ActivityStore activities, ConversationDigests digests, RecapConfig config) {
        this.activities = activities;
        this.digests = digests;
        this.config = config;
    }

    /** The conversations someone worked on in their own activity (replied, archived, tagged... — not a message they were sent). */
    static Set<String> worked(List<Activity> own) {
        Set<String> ids = new LinkedHashSet<>();
        own.stream().filter(a -> a.source() == Source.FRONT && RecapCalculator.handling(a))
                .map(RecapCalculator::conversation).filter(Objects::nonNull).forEach(ids::add);
        return ids;
    }

    /**
     * The history of each Front conversation the employee worked on, as far as recaps measure it:
     * their digests in one BatchGetItem (100 a call) once the tenant's are complete, else (and for
     * a conversation too big for a digest) the stored history, a few Queries at once.
     */
    Map<String, List<Activity>> of(String tenantId, List<Activity> own) {
        Set<String> ids = worked(own);
        if (ids.isEmpty() || !digests.complete(tenantId)) {
            return histories(tenantId, ids);
        }
        ConversationDigests.Read read = digests.read(tenantId, ids);
        Map<String, Activity> ownById = new HashMap<>();
        own.forEach(a -> ownById.put(a.id(), a));
        Map<String, List<Activity>> conversations = new LinkedHashMap<>();
        // Who did an activity is read from the employee's own timeline: the digest does not keep it.
        read.histories().forEach((id, history) -> conversations.put(id, history.stream().map(a -> ownById.getOrDefault(a.id(), a)).toList()));
        conversations.putAll(histories(tenantId, read.overflowed()));
        return conversations;
    }

    private Map<String, List<Activity>> histories(String tenantId, Set<String> ids) {
        Map<String, List<Activity>> histories = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return histories;
        }
        Semaphore reads = new Semaphore(Math.max(1, config.parallelConversationReads()));
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<String, Future<List<Activity>>> pending = new LinkedHashMap<>();
            for (String id : ids) {
                pending.put(id, executor.submit(() -> {
                    reads.acquire();
                    try {
                        return activities.forSourceRecord(tenantId, Source.FRONT, id);
                    } finally {
                        reads.release();
                    }
                }));
            }
            for (Map.Entry<String, Future<List<Activity>>> entry : pending.entrySet()) {
                histories.put(entry.getKey(), entry.getValue().get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading conversations", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
        return histories;
    }

}
