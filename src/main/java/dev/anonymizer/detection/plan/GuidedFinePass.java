package dev.anonymizer.detection.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.anonymizer.region.Box;
import dev.anonymizer.region.PairMerge;
import dev.anonymizer.region.PixelRect;

/**
 * The finest scale of a whole-image plan, searched only where its coarser passes saw something text-like.
 * <p>
 * The finest scale of a whole-image plan costs about three quarters of the plan's model input, and it is there for
 * the smallest text only. Text of that size already shows in the next coarser pass (half the scale) as a weak blob
 * of the model's probability map, below the threshold of a find: the coarser passes run first and <em>nominate</em>
 * those blobs, and the finest scale searches only the nominated areas (each blob with context around it, merged
 * where they overlap, packed side by side into few model inputs). Where that would cost no less than the finest scale
 * itself, or an area would be larger than one inference may be, the finest scale runs as planned.
 * <p>
 * Only a finest scale up to {@link Guide#maxScale()} is guided: in a strongly enlarged small photo the smallest
 * plates do not show at half the scale at all (measured on {@code plates-small}), so such a scale runs whole.
 * Pure arithmetic: no model is run here.
 */
public final class GuidedFinePass {

    /**
     * Pairs of nominated areas tried while merging before the finest scale runs over the whole image instead: the
     * most a photo of the evaluation sets needed was 3.75 million (2,752 face nominations in a WIDER crowd, merged in
     * milliseconds); 4,000 small text blobs merging one at a time late in each scan took 8 s.
     */
    static final long MAX_MERGE_CHECKS = 50_000_000;

    private GuidedFinePass() {
    }

    /**
     * How nominations become the finest scale's areas.
     *
     * @param maxScale     the most enlarged finest scale that is guided; above it the finest scale runs whole
     * @param context      a nominated blob is padded by this many of its heights on every side
     * @param minInputSide an area is at least this many model-input pixels wide and tall
     */
    public record Guide(double maxScale, double context, int minInputSide) {

        public Guide {
            if (!(maxScale > 0) || !(context >= 0) || minInputSide < 1) {
                throw new IllegalArgumentException("expected a positive scale, context >= 0 and a side >= 1, got "
                        + maxScale + ", " + context + ", " + minInputSide);
            }
        }
    }

    /**
     * A whole-image plan split into the passes of its finest scale ({@code fine}, searched where nominated) and the
     * coarser passes that run first and nominate ({@code probe}).
     */
    public record Split(SearchPlan whole, List<Pass> fine, List<Pass> probe) {

        public Split {
            fine = List.copyOf(fine);
            probe = List.copyOf(probe);
        }

        /** The scale of the finest passes. */
        public double scale() {
            return fine.get(0).scale();
        }

        /** Model-input pixels the finest scale would cost over the whole image. */
        public long finePixels() {
            return fine.stream().mapToLong(Pass::inputPixels).sum();
        }

        /**
         * The whole-image plan without its finest scale: what runs first, covering from the height its own finest
         * scale reaches.
         */
        public SearchPlan probePlan() {
            double probeScale = probe.stream().mapToDouble(Pass::scale).max().orElseThrow();
            double from = whole.covered().min() * scale() / probeScale;
            return new SearchPlan(whole.look(), whole.model(), whole.area(), whole.wanted(),
                    SizeRange.between(from, whole.covered().max()), probe);
        }
    }

    /**
     * What the finest scale searched: the nominated areas ({@code plan}, one pass each at the finest scale, image
     * pixels), packed into {@code packed} canvases and passes run {@code alone}, against the pixels the scale would
     * have cost over the whole image.
     */
    public record Guided(SearchPlan plan, List<Canvas> packed, List<Pass> alone, long wholeScalePixels) {

        public Guided {
            packed = List.copyOf(packed);
            alone = List.copyOf(alone);
        }

        /** Model-input pixels the guided scale costs: its canvases and the passes run alone. */
        public long inputPixels() {
            return packed.stream().mapToLong(Canvas::inputPixels).sum()
                    + alone.stream().mapToLong(Pass::inputPixels).sum();
        }

        /** How many model inputs it runs. */
        public int inferences() {
            return packed.size() + alone.size();
        }

        /** As a joint plan with nothing but these inputs, for the plan runner. */
        public JointPlan asJointPlan(long budgetPixels) {
            SearchPlan none = SearchPlan.empty(Look.WHOLE_IMAGE, plan.model(), plan.area(), plan.wanted());
            return new JointPlan(plan.model(), budgetPixels, none, List.of(), packed, alone, List.of());
        }
    }

    /**
     * The split of {@code whole}, or empty when its finest scale is not guided: a plan of one scale (nothing coarser
     * nominates), or a finest scale above {@code guide.maxScale()}. Mirrored plans are not split.
     */
    public static Optional<Split> split(SearchPlan whole, Guide guide) {
        List<Double> scales = whole.scales();
        if (scales.size() < 2 || scales.get(0) > guide.maxScale()
                || whole.passes().stream().anyMatch(Pass::mirrored)) {
            return Optional.empty();
        }
        double fine = scales.get(0);
        List<Pass> finePasses = new ArrayList<>();
        List<Pass> probe = new ArrayList<>();
        for (Pass p : whole.passes()) {
            (p.scale() == fine ? finePasses : probe).add(p);
        }
        return Optional.of(new Split(whole, finePasses, probe));
    }

    /**
     * The finest scale over the areas {@code nominated} (image pixels) asks for, or empty when the scale should run
     * as planned: the areas would cost no less, or one would be larger than {@code maxPassPixels} of model input.
     * Nominations taller than the finest scale answers for are the coarser passes' own finds and ask for nothing.
     */
    public static Optional<Guided> plan(Split split, List<Box> nominated, Guide guide, long maxPassPixels,
            JointPlanner.Packing packing) {
        double scale = split.scale();
        SizeRange answers = split.fine().get(0).answers();
        List<Pass> passes = new ArrayList<>();
        long pixels = 0;
        Optional<List<PixelRect>> areas = areas(split.whole().area(), nominated, answers.max(), scale, guide);
        if (areas.isEmpty()) {
            return Optional.empty();
        }
        for (PixelRect r : areas.get()) {
            long px = Math.round(r.width() * scale) * Math.round(r.height() * scale);
            if (px > maxPassPixels) {
                return Optional.empty();
            }
            pixels += px;
            passes.add(new Pass(r, scale, false, answers, px));
        }
        if (pixels >= split.finePixels()) {
            return Optional.empty();
        }
        List<Canvas> packed = new ArrayList<>();
        List<Pass> alone = new ArrayList<>();
        JointPlanner.pack(passes, packing, packed, alone);
        SearchPlan whole = split.whole();
        SearchPlan plan = new SearchPlan(Look.WHERE_SEEN, whole.model(), whole.area(),
                SizeRange.between(whole.wanted().min(), answers.max()), whole.covered(), passes);
        return Optional.of(new Guided(plan, packed, alone, split.finePixels()));
    }

    /**
     * The areas of the finest scale for {@code nominated} boxes up to {@code maxHeight}: each padded by
     * {@code context} of its height on every side, at least {@code minInputSide} model-input pixels a side, inside
     * {@code image}, merged where two overlap and one area is no larger than the two; empty when merging them would
     * take more than {@link #MAX_MERGE_CHECKS} tries.
     */
    static Optional<List<PixelRect>> areas(PixelRect image, List<Box> nominated, double maxHeight, double scale, Guide guide) {
        double minSide = guide.minInputSide() / scale;
        List<Box> boxes = new ArrayList<>();
        for (Box n : nominated) {
            if (n.height() > maxHeight || n.area() <= 0) {
                continue;
            }
            double pad = guide.context() * n.height();
            Box b = atLeast(new Box(n.x1() - pad, n.y1() - pad, n.x2() + pad, n.y2() + pad), minSide);
            boxes.add(b.clamp(image.x() + image.width(), image.y() + image.height()));
        }
        Optional<List<Box>> merged = merge(boxes);
        if (merged.isEmpty()) {
            return Optional.empty();
        }
        List<PixelRect> out = new ArrayList<>();
        for (Box b : merged.get()) {
            PixelRect r = b.toPixels();
            if (!r.isEmpty()) {
                out.add(r);
            }
        }
        return Optional.of(out);
    }

    private static Box atLeast(Box b, double side) {
        double gx = Math.max(0, side - b.width()) / 2;
        double gy = Math.max(0, side - b.height()) / 2;
        return new Box(b.x1() - gx, b.y1() - gy, b.x2() + gx, b.y2() + gy);
    }

    /** Two areas that overlap become one where it is no larger than the two. */
    private static Optional<List<Box>> merge(List<Box> boxes) {
        return PairMerge.merge(boxes, (a, b) -> {
            Box u = a.span(b);
            return a.intersectionArea(b) > 0 && u.area() <= a.area() + b.area() ? Optional.of(u) : Optional.empty();
        }, MAX_MERGE_CHECKS);
    }
}
