package dev.anonymizer.backfill;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts of a running backfill, updated by its workers and read by the progress line; thread-safe. */
final class Tally {

    private final LongAdder done = new LongAdder();
    private final Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byReason = new ConcurrentHashMap<>();

    void add(ObjectResult r) {
        byStatus.computeIfAbsent(r.status(), k -> new LongAdder()).increment();
        if (r.reason() != null) {
            byReason.computeIfAbsent(r.status() + ":" + r.reason(), k -> new LongAdder()).increment();
        }
        // counted last, so a reader that sees `done` also sees the status counts it includes
        done.increment();
    }

    long done() {
        return done.sum();
    }

    long count(String status) {
        LongAdder a = byStatus.get(status);
        return a == null ? 0 : a.sum();
    }

    Map<String, Long> byStatus() {
        return snapshot(byStatus);
    }

    Map<String, Long> byReason() {
        return snapshot(byReason);
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
