package dev.anonymizer.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.anonymizer.detection.plan.SearchPlan;

/** Recall per group and threshold, extra censored area per threshold, and a printable table. */
public final class EvaluationReport {

    private final String set;
    private final List<Double> thresholds;
    private final Map<String, Map<Double, int[]>> counts = new TreeMap<>();
    private final Map<Double, List<Double>> extra = new LinkedHashMap<>();
    private final Map<Double, List<Double>> extraOwn = new LinkedHashMap<>();
    private final Map<Double, List<Double>> extraOwnExact = new LinkedHashMap<>();
    private final SearchSummary search = new SearchSummary();
    private final Map<Double, List<String>> misses = new TreeMap<>();
    private final Map<Double, java.util.EnumMap<MissKind, Integer>> missKinds = new TreeMap<>();
    private int images;
    private double millis;

    EvaluationReport(String set, List<Double> thresholds) {
        this.set = set;
        this.thresholds = thresholds;
    }

    void count(String group, double threshold, boolean hit) {
        int[] c = counts.computeIfAbsent(group, g -> new TreeMap<>()).computeIfAbsent(threshold, t -> new int[2]);
        c[0]++;
        if (hit) {
            c[1]++;
        }
    }

    void miss(double threshold, String what) {
        misses.computeIfAbsent(threshold, t -> new ArrayList<>()).add(what);
    }

    void missKind(double threshold, MissKind kind) {
        missKinds.computeIfAbsent(threshold, t -> new java.util.EnumMap<>(MissKind.class)).merge(kind, 1, Integer::sum);
    }

    /** How many boxes were missed at a threshold in this way. */
    public int misses(double threshold, MissKind kind) {
        return missKinds.getOrDefault(threshold, new java.util.EnumMap<>(MissKind.class)).getOrDefault(kind, 0);
    }

    /** What was missed at a threshold: "file label box" lines, for looking at the photos. */
    public List<String> misses(double threshold) {
        return misses.getOrDefault(threshold, List.of());
    }

    void extraArea(double threshold, double allCategories, double ownCategory, double ownCategoryAsCensored) {
        extra.computeIfAbsent(threshold, t -> new ArrayList<>()).add(allCategories);
        extraOwn.computeIfAbsent(threshold, t -> new ArrayList<>()).add(ownCategory);
        extraOwnExact.computeIfAbsent(threshold, t -> new ArrayList<>()).add(ownCategoryAsCensored);
    }

    void searched(List<SearchPlan> plans, Map<String, Long> millisByDetector) {
        search.add(plans, millisByDetector);
    }

    /** What the search plans did over the set: passes, model-input pixels, floors and closer looks per model. */
    public SearchSummary search() {
        return search;
    }

    void finish(int images, double millis) {
        this.images = images;
        this.millis = millis;
    }

    /** Recall of a group at a threshold (NaN when the group has no boxes). */
    public double recall(String group, double threshold) {
        int[] c = counts.getOrDefault(group, Map.of()).get(threshold);
        return c == null || c[0] == 0 ? Double.NaN : (double) c[1] / c[0];
    }

    /** Number of labelled boxes in a group. */
    public int total(String group) {
        return counts.getOrDefault(group, Map.of()).values().stream().findFirst().map(c -> c[0]).orElse(0);
    }

    /** Mean share of the image censored outside labelled boxes (all censored categories), at a threshold. */
    public double meanExtraArea(double threshold) {
        return extra.getOrDefault(threshold, List.of()).stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** As {@link #meanExtraArea(double)}, counting only regions of the evaluated category (e.g. faces). */
    public double meanExtraAreaOwnCategory(double threshold) {
        return extraOwn.getOrDefault(threshold, List.of()).stream().mapToDouble(Double::doubleValue).average()
                .orElse(Double.NaN);
    }

    /**
     * As {@link #meanExtraAreaOwnCategory(double)}, counting an elliptic censor as its ellipse (the pixels it really
     * changes) instead of its whole box.
     */
    public double meanExtraAreaOwnCategoryAsCensored(double threshold) {
        return extraOwnExact.getOrDefault(threshold, List.of()).stream().mapToDouble(Double::doubleValue).average()
                .orElse(Double.NaN);
    }

    /** The highest threshold whose recall for {@code group} reaches {@code target}. */
    public Optional<Double> thresholdFor(String group, double target) {
        Double best = null;
        for (double t : thresholds) {
            if (recall(group, t) >= target) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }

    public List<String> groups() {
        return List.copyOf(counts.keySet());
    }

    public double millisPerImage() {
        return images == 0 ? 0 : millis / images;
    }

    /** The evaluated folder. */
    public String set() {
        return set;
    }

    /** The thresholds tried, lowest first. */
    public List<Double> thresholds() {
        return thresholds;
    }

    /** Number of images evaluated. */
    public int images() {
        return images;
    }

    /** A plain-text table: one row per group, one column per threshold. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s: %d images, %.0f ms/image%n", set, images, millisPerImage()));
        sb.append(String.format("%-16s %6s", "group", "boxes"));
        thresholds.forEach(t -> sb.append(String.format("  t=%-5.2f", t)));
        sb.append('\n');
        for (String g : counts.keySet()) {
            sb.append(String.format("%-16s %6d", g, total(g)));
            thresholds.forEach(t -> sb.append(String.format("  %6.1f%%", 100 * recall(g, t))));
            sb.append('\n');
        }
        if (!missKinds.isEmpty()) {
            for (MissKind k : MissKind.values()) {
                sb.append(String.format("%-16s %6s", "missed, " + (k == MissKind.PARTLY_COVERED ? "partly" : "not at all"),
                        ""));
                thresholds.forEach(t -> sb.append(String.format("  %7d", misses(t, k))));
                sb.append('\n');
            }
        }
        if (!extra.isEmpty()) {
            sb.append(String.format("%-16s %6s", "extra area, all", ""));
            thresholds.forEach(t -> sb.append(String.format("  %6.2f%%", 100 * meanExtraArea(t))));
            sb.append('\n');
            sb.append(String.format("%-16s %6s", "extra area, own", ""));
            thresholds.forEach(t -> sb.append(String.format("  %6.2f%%", 100 * meanExtraAreaOwnCategory(t))));
            sb.append('\n');
            sb.append(String.format("%-16s %6s", "own, as censored", ""));
            thresholds.forEach(t -> sb.append(String.format("  %6.2f%%", 100 * meanExtraAreaOwnCategoryAsCensored(t))));
            sb.append('\n');
        }
        sb.append(search.table());
        return sb.toString();
    }
}
