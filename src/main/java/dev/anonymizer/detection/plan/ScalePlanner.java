package dev.anonymizer.detection.plan;

import java.util.ArrayList;
import java.util.List;

import dev.anonymizer.region.PixelRect;
import dev.anonymizer.region.Tiles;

/**
 * Chooses, for one model and one area of an image, the scales (and, only where a scale's input would exceed the
 * per-inference limit, the tiles) at which the model must look so that every object height from the wanted minimum
 * up to the area's height lies in the model's good range in at least one pass.
 * <p>
 * A model finds objects of {@code m..M} input pixels well. A pass at scale {@code s} therefore finds objects of
 * {@code m/s..M/s} image pixels. The finest scale puts the smallest wanted object at {@code m} (enlarging small
 * photos and small objects, up to {@code maxUpscale}); each coarser scale is {@code scaleStep} times smaller, until
 * the tallest object fits below {@code M}. Fixed-size models see the whole area at the scale that fits it into their
 * input, and finer scales as tiles of the input's size. When all passes together would take more model-input pixels
 * than {@code maxPlanPixels}, the finest scale is lowered: the plan then covers objects from a larger height up and
 * says so. Pure arithmetic: no model is run here.
 */
public final class ScalePlanner {

    /** Areas smaller than this (pixels per side) are not searched: nothing personal fits in them. */
    static final int MIN_AREA_SIDE = 8;
    /** How much the finest scale is lowered per step while a plan is over its budget. */
    private static final double BUDGET_STEP = 1.05;
    /** Scales within this ratio of each other count as equal (floating-point rounding). */
    private static final double SAME_SCALE = 1e-6;

    private ScalePlanner() {
    }

    /**
     * The plan for {@code model} over {@code area} (image pixels) for objects of {@code wanted} heights (image
     * pixels; objects taller than the area are not looked for).
     */
    public static SearchPlan plan(Look look, PixelRect area, SizeRange wanted, ModelGeometry model,
            PlanLimits limits) {
        if (area.width() < MIN_AREA_SIDE || area.height() < MIN_AREA_SIDE) {
            return SearchPlan.empty(look, model.model(), area, wanted);
        }
        double lo = Math.max(wanted.min(), 1);
        double hi = Math.max(lo, Math.min(wanted.max(), area.height()));
        return model.freeInput() ? planFree(look, area, wanted, lo, hi, model, limits)
                : planFixed(look, area, wanted, lo, model, limits);
    }

    private static SearchPlan planFree(Look look, PixelRect area, SizeRange wanted, double lo, double hi,
            ModelGeometry model, PlanLimits limits) {
        double m = model.goodSizes().min();
        double big = model.goodSizes().max();
        double step = Math.min(limits.scaleStep(), model.span());
        // one pass at this scale already holds the tallest wanted object in the good range
        double coarsest = big / hi;
        double finest = Math.min(m / lo, limits.maxUpscale());
        List<Pass> passes = freePasses(area, freeLadder(finest, coarsest, step), model, limits);
        while (pixels(passes) > limits.maxPlanPixels() && finest > coarsest * (1 + SAME_SCALE)) {
            finest = Math.max(coarsest, finest / BUDGET_STEP);
            passes = freePasses(area, freeLadder(finest, coarsest, step), model, limits);
        }
        return new SearchPlan(look, model.model(), area, wanted, SizeRange.atLeast(m / finest), passes);
    }

    /** {@code finest}, then each {@code step} times smaller, until one is at or below {@code coarsest}. */
    private static List<Double> freeLadder(double finest, double coarsest, double step) {
        List<Double> scales = new ArrayList<>();
        double s = finest;
        scales.add(s);
        while (s > coarsest * (1 + SAME_SCALE)) {
            s = Math.max(coarsest, s / step);
            scales.add(s);
        }
        return scales;
    }

    private static List<Pass> freePasses(PixelRect area, List<Double> scales, ModelGeometry model, PlanLimits limits) {
        List<Pass> passes = new ArrayList<>();
        for (int i = 0; i < scales.size(); i++) {
            double s = scales.get(i);
            // the coarsest pass judges everything taller than the others' range; the others stop at their range
            SizeRange answers = new SizeRange(0, i == scales.size() - 1 ? Double.POSITIVE_INFINITY
                    : model.goodSizes().max() / s);
            long whole = inputPixels(area.width(), area.height(), s);
            if (whole <= limits.maxPassPixels()) {
                add(passes, area, s, answers, whole, limits.mirror());
                continue;
            }
            int tile = Math.max(MIN_AREA_SIDE, (int) Math.floor(Math.sqrt((double) limits.maxPassPixels()) / s));
            for (PixelRect t : tiles(area, tile, tile, overlap(answers, tile))) {
                add(passes, t, s, answers, inputPixels(t.width(), t.height(), s), limits.mirror());
            }
        }
        return passes;
    }

    private static SearchPlan planFixed(Look look, PixelRect area, SizeRange wanted, double lo, ModelGeometry model,
            PlanLimits limits) {
        double m = model.goodSizes().min();
        long inputPixels = (long) model.fixedWidth() * model.fixedHeight();
        double whole = Math.min((double) model.fixedWidth() / area.width(), (double) model.fixedHeight() / area.height());
        double finest = Math.max(whole, Math.min(m / lo, limits.maxUpscale()));
        double step = Math.min(limits.scaleStep(), model.span());
        List<Pass> passes = fixedPasses(area, whole, finest, step, model, inputPixels, limits);
        while (pixels(passes) > limits.maxPlanPixels() && finest > whole * (1 + SAME_SCALE)) {
            finest = Math.max(whole, finest / BUDGET_STEP);
            passes = fixedPasses(area, whole, finest, step, model, inputPixels, limits);
        }
        return new SearchPlan(look, model.model(), area, wanted, SizeRange.atLeast(m / finest), passes);
    }

    private static List<Pass> fixedPasses(PixelRect area, double whole, double finest, double step,
            ModelGeometry model, long inputPixels, PlanLimits limits) {
        List<Pass> passes = new ArrayList<>();
        add(passes, area, whole, SizeRange.atLeast(0), inputPixels, limits.mirror());
        double s = whole;
        while (s < finest * (1 - SAME_SCALE)) {
            s = Math.min(finest, s * step);
            SizeRange answers = new SizeRange(0, model.goodSizes().max() / s);
            int tileW = Math.max(MIN_AREA_SIDE, (int) Math.floor(model.fixedWidth() / s));
            int tileH = Math.max(MIN_AREA_SIDE, (int) Math.floor(model.fixedHeight() / s));
            for (PixelRect t : tiles(area, tileW, tileH, overlap(answers, Math.min(tileW, tileH)))) {
                add(passes, t, s, answers, inputPixels, limits.mirror());
            }
        }
        return passes;
    }

    /** Neighbouring tiles overlap by the tallest object their pass answers for (at most half a tile). */
    private static int overlap(SizeRange answers, int tile) {
        return (int) Math.ceil(Math.min(answers.max(), tile / 2.0));
    }

    private static List<PixelRect> tiles(PixelRect area, int tileW, int tileH, int overlap) {
        List<PixelRect> out = new ArrayList<>();
        for (PixelRect t : Tiles.grid(area.width(), area.height(), tileW, tileH, overlap)) {
            out.add(new PixelRect(area.x() + t.x(), area.y() + t.y(), t.width(), t.height()));
        }
        return out;
    }

    private static void add(List<Pass> passes, PixelRect area, double scale, SizeRange answers, long inputPixels,
            boolean mirror) {
        passes.add(new Pass(area, scale, false, answers, inputPixels));
        if (mirror) {
            passes.add(new Pass(area, scale, true, answers, inputPixels));
        }
    }

    private static long inputPixels(int width, int height, double scale) {
        return Math.max(1, Math.round(width * scale)) * Math.max(1, Math.round(height * scale));
    }

    private static long pixels(List<Pass> passes) {
        return passes.stream().mapToLong(Pass::inputPixels).sum();
    }
}
