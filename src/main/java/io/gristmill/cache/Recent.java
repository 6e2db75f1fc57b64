package io.gristmill.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Values read recently, each kept for at most {@code maxAge} and at most {@code maxEntries} in all
 * (the least recently used go first), so that a function instance does not read the same item on
 * every invocation. Whoever keeps a value must be able to live with it being that old.
 */
public final class Recent<K, V> {
    private record Kept<V>(V value, Instant until) {
    }

    private final Duration maxAge;
    private final Clock clock;
    private final Map<K, Kept<V>> entries;

    public Recent(Duration maxAge, int maxEntries, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
        this.entries = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Kept<V>> eldest) {
                return size() > maxEntries;
            }
        });
    }

    /** The kept value, or a fresh one from {@code read} (kept from now on) when none is kept or it is too old. */
    public V get(K key, Function<K, V> read) {
        Kept<V> kept = entries.get(key);
        Instant now = clock.instant();
        if (kept != null && kept.until().isAfter(now)) {
            return kept.value();
        }
        V value = read.apply(key);
        entries.put(key, new Kept<>(value, now.plus(maxAge)));
        return value;
    }

    /** Forgets the kept values whose keys match, so that the next {@link #get} reads afresh. */
    public void forget(Predicate<K> which) {
        synchronized (entries) {
            entries.keySet().removeIf(which);
        }
    }
}
