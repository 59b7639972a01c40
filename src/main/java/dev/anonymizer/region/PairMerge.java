package dev.anonymizer.region;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Merges a list's items two at a time until no two merge: the first pair (in list order) that merges is replaced by
 * its merge, in the first one's place, and the search starts over. Text boxes joined into lines use it, and so do
 * the planner's areas (look crops, the guided scale's nominated areas).
 */
public final class PairMerge {

    private PairMerge() {
    }

    /** What two items merge into, or empty when they stay apart. */
    public interface Rule<T> {
        Optional<T> merge(T a, T b);
    }

    public static <T> List<T> merge(List<T> items, Rule<T> rule) {
        return merge(items, rule, Long.MAX_VALUE).orElseThrow();
    }

    /**
     * As {@link #merge(List, Rule)}, or empty once more than {@code maxChecks} pairs were tried (a few thousand
     * items that merge one at a time late in each scan cost seconds).
     */
    public static <T> Optional<List<T>> merge(List<T> items, Rule<T> rule, long maxChecks) {
        List<T> out = new ArrayList<>(items);
        long checks = 0;
        boolean changed = true;
        while (changed) {
            changed = false;
            search:
            for (int i = 0; i < out.size(); i++) {
                for (int j = i + 1; j < out.size(); j++) {
                    if (++checks > maxChecks) {
                        return Optional.empty();
                    }
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
        return Optional.of(out);
    }
}
