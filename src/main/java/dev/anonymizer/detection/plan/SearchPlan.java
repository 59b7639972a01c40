package dev.anonymizer.detection.plan;

import java.util.List;

import dev.anonymizer.region.PixelRect;

/**
 * Every pass one detector makes over one area of an image, and what they cover together: object heights from
 * {@code covered.min()} up (image pixels). {@code wanted} is what was asked; when the pixel budget did not allow it,
 * {@code covered.min()} is larger than {@code wanted.min()}.
 */
public record SearchPlan(Look look, String model, PixelRect area, SizeRange wanted, SizeRange covered,
        List<Pass> passes) {

    public SearchPlan {
        passes = List.copyOf(passes);
    }

    /** A plan with nothing to do (the area is too small to look at). */
    public static SearchPlan empty(Look look, String model, PixelRect area, SizeRange wanted) {
        return new SearchPlan(look, model, area, wanted, wanted, List.of());
    }

    /** Model-input pixels of all passes together. */
    public long inputPixels() {
        return passes.stream().mapToLong(Pass::inputPixels).sum();
    }

    /** True when the plan covers the smallest wanted size. */
    public boolean complete() {
        return covered.min() <= wanted.min() + 1e-9;
    }

    /** The distinct scales, finest first. */
    public List<Double> scales() {
        return passes.stream().map(Pass::scale).distinct().sorted((a, b) -> Double.compare(b, a)).toList();
    }

    /** One line for logs, audit records and the evaluate report. */
    public String describe() {
        StringBuilder sb = new StringBuilder(model).append(": ");
        if (passes.isEmpty()) {
            return sb.append("nothing to search").toString();
        }
        sb.append(passes.size()).append(passes.size() == 1 ? " pass" : " passes").append(" at scales");
        scales().forEach(s -> sb.append(String.format(" %.2f", s)));
        sb.append(String.format(", %.2f MP of model input, covers %s", inputPixels() / 1e6, covered));
        if (!complete()) {
            sb.append(" (").append(wanted.min() > 0 ? String.format("%.0f", wanted.min()) : "0")
                    .append(" px wanted: budget reached)");
        }
        return sb.toString();
    }
}
