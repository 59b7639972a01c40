package dev.anonymizer.backfill;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts of a running backfill, updated by its workers; thread-safe. */
final class Tally {

    private final LongAdder done = new LongAdder();
    private final Map<ObjectResult.Status, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final Map<ObjectResult, LongAdder> byReason = new ConcurrentHashMap<>();

    void add(ObjectResult r) {
        byStatus.computeIfAbsent(r.status(), k -> new LongAdder()).increment();
        if (r.reason() != null) {
            byReason.computeIfAbsent(r, k -> new LongAdder()).increment();
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

    /** Per status and reason, in the order of their {@code status:reason} labels. */
    Map<ObjectResult, Long> byReason() {
        Map<ObjectResult, Long> out = new TreeMap<>(Comparator.comparing(ObjectResult::label));
        byReason.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
