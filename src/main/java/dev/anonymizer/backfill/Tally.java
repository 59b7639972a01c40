package dev.anonymizer.backfill;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts of a running backfill, updated by its workers; thread-safe. */
final class Tally {

    private final LongAdder done = new LongAdder();
    private final Map<ObjectResult.Status, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byReason = new ConcurrentHashMap<>();

    void add(ObjectResult r) {
        byStatus.computeIfAbsent(r.status(), k -> new LongAdder()).increment();
        if (r.reason() != null) {
            byReason.computeIfAbsent(r.status().key() + ":" + r.reason(), k -> new LongAdder()).increment();
        }
        done.increment();
    }

    long done() {
        return done.sum();
    }

    Map<ObjectResult.Status, Long> byStatus() {
        Map<ObjectResult.Status, Long> out = new EnumMap<>(ObjectResult.Status.class);
        byStatus.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    Map<String, Long> byReason() {
        Map<String, Long> out = new TreeMap<>();
        byReason.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
