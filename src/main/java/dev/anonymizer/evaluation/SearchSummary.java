package dev.anonymizer.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.anonymizer.detection.plan.Look;
import dev.anonymizer.detection.plan.SearchPlan;

/**
 * The search plans an evaluation ran, per model: how many whole-image plans and closer looks, their passes and
 * model-input pixels, the smallest object height the whole-image plans covered, and the detector time per image.
 */
public final class SearchSummary {

    private final Map<String, PerModel> models = new TreeMap<>();
    private final Map<String, List<Long>> millis = new TreeMap<>();
    private int images;

    /** What one model's plans did over the set. */
    private static final class PerModel {
        private int wholePlans;
        private int incomplete;
        private int closerLooks;
        private long passes;
        private long inputPixels;
        private final List<Double> floors = new ArrayList<>();
    }

    void add(List<SearchPlan> plans, Map<String, Long> millisByDetector) {
        images++;
        for (SearchPlan p : plans) {
            PerModel m = models.computeIfAbsent(p.model(), k -> new PerModel());
            if (p.look() == Look.WHOLE_IMAGE) {
                m.wholePlans++;
                m.floors.add(p.covered().min());
                if (!p.complete()) {
                    m.incomplete++;
                }
            } else if (!p.passes().isEmpty()) {
                m.closerLooks++;
            }
            m.passes += p.passes().size();
            m.inputPixels += p.inputPixels();
        }
        millisByDetector.forEach((k, v) -> millis.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }

    /** Median smallest object height (image pixels) the whole-image plans of {@code model} covered. */
    public double medianFloor(String model) {
        PerModel m = models.get(model);
        if (m == null || m.floors.isEmpty()) {
            return Double.NaN;
        }
        List<Double> f = new ArrayList<>(m.floors);
        Collections.sort(f);
        return f.get(f.size() / 2);
    }

    /** A plain-text table: one row per model, then the detector time per image. */
    public String table() {
        if (images == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder("search plans (per image):\n");
        models.forEach((id, m) -> sb.append(String.format(
                "  %-14s passes %5.1f, %6.2f MP of input, covers from %4.1f px (median; %d of %d images short of the"
                        + " wanted minimum), closer looks %4.1f%n",
                id, (double) m.passes / images, m.inputPixels / 1e6 / images, medianFloor(id), m.incomplete,
                m.wholePlans, (double) m.closerLooks / images)));
        sb.append("  detector time per image (mean ms):");
        millis.forEach((k, v) -> sb.append(String.format(" %s %.0f", k,
                v.stream().mapToLong(Long::longValue).average().orElse(0))));
        return sb.append('\n').toString();
    }
}
