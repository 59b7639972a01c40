package dev.anonymizer.detection.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Merges a list's items two at a time until no two merge: the first pair (in list order) that merges is replaced by
 * its merge, in the first one's place, and the search starts over. The planner's areas use it: look crops, the
 * guided scale's nominated areas.
 */
final class PairMerge {

    private PairMerge() {
    }

    /** What two items merge into, or empty when they stay apart. */
    interface Rule<T> {
        Optional<T> merge(T a, T b);
    }

    static <T> List<T> merge(List<T> items, Rule<T> rule) {
        List<T> out = new ArrayList<>(items);
        boolean changed = true;
        while (changed) {
            changed = false;
            search:
            for (int i = 0; i < out.size(); i++) {
                for (int j = i + 1; j < out.size(); j++) {
                    Optional<T> m = rule.merge(out.get(i), out.get(j));
                    if (m.isPresent()) {
                        out.set(i, m.get());
                        out.remove(j);
                        changed = true;
                        break search;
                    }
                }
            }
        }
        return out;
    }
}
