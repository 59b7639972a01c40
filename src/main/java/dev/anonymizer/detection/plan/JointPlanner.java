package dev.anonymizer.detection.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.anonymizer.region.Box;
import dev.anonymizer.region.PairMerge;
import dev.anonymizer.region.PixelRect;

/**
 * Plans everything one detector searches in one image inside one {@link ImageBudget}: the whole-image plan and
 * every closer look together.
 * <ol>
 * <li>The whole image is planned as {@link ScalePlanner} does, within the budget; it covers objects from some
 * height {@code C} up.</li>
 * <li>Closer looks are needed only where a smaller height is wanted than {@code C}: the others are already covered
 * by the whole-image passes and are not searched again. A look searches only the heights the whole image misses
 * ({@code wanted..C}), usually in one pass.</li>
 * <li>Look areas that overlap or touch are merged into one when one crop costs no more than two.</li>
 * <li>When whole image and looks together exceed the budget, every look is searched down to one common height
 * {@code L}, the smallest the rest of the budget allows (none is skipped while another is searched more closely
 * than it), and the whole-image plan may give way, down to {@code minWholeShare} of the budget: of the ways to share
 * the budget, the one whose worst look (its wanted height against what is searched there) is best wins, so the
 * budget goes where the wanted height is furthest below what is covered; a look that would be no closer than the
 * whole image (a car filling the frame) leaves its share to the whole image. What that leaves is reported as
 * {@link Uncovered}.</li>
 * <li>The looks' passes are packed into few model inputs ({@link Canvas}), each at its own scale, with gaps.</li>
 * </ol>
 * Pure arithmetic: no model is run here.
 */
public final class JointPlanner {

    /** How much the whole-image budget is lowered per step while whole image and looks exceed the budget. */
    private static final double WHOLE_STEP = 1.15;
    /** Two shares of the budget whose worst looks differ by less than this serve the looks alike. */
    private static final double SAME_DEFICIT = 0.02;
    /** Steps of the binary search for the common look height L. */
    private static final int HEIGHT_SEARCH_STEPS = 30;

    private JointPlanner() {
    }

    /**
     * How looks are packed into shared model inputs.
     *
     * @param enabled         pack at all (false: every look pass is one inference)
     * @param gap             model-input pixels between two slots
     * @param maxCanvasPixels model-input pixels of one canvas; a pass too large for one runs alone
     * @param multipleOf      canvas sides are rounded up to this (the model's size multiple)
     */
    public record Packing(boolean enabled, int gap, long maxCanvasPixels, int multipleOf) {

        public Packing {
            if (gap < 0 || maxCanvasPixels <= 0 || multipleOf <= 0) {
                throw new IllegalArgumentException("expected gap >= 0, a positive canvas size and multiple, got "
                        + gap + ", " + maxCanvasPixels + ", " + multipleOf);
            }
        }

        /** No packing: every pass runs alone. */
        public static Packing none() {
            return new Packing(false, 0, 1, 1);
        }
    }

    /** A look area and the smallest height wanted in it, before and after merging. */
    private record Crop(Look look, PixelRect area, double wantedMin) {
    }

    /**
     * The joint plan for one detector over {@code image}: the whole image for {@code wanted} heights, the
     * {@code requests} where smaller heights are wanted, all inside {@code budgetPixels} of model input.
     *
     * @param minWholeShare the share of the budget the whole-image plan keeps at least, however many looks
     */
    public static JointPlan plan(PixelRect image, SizeRange wanted, List<LookRequest> requests, ModelGeometry model,
            PlanLimits limits, long budgetPixels, double minWholeShare, Packing packing) {
        return plan(image, wanted, requests, model, limits, budgetPixels, budgetPixels, minWholeShare, packing);
    }

    /**
     * As above, the whole-image plan taking at most {@code maxWholePixels} of the budget: the rest is there for
     * closer looks only, so a photo without persons or vehicles costs no more than its whole-image search.
     */
    public static JointPlan plan(PixelRect image, SizeRange wanted, List<LookRequest> requests, ModelGeometry model,
            PlanLimits limits, long budgetPixels, long maxWholePixels, double minWholeShare, Packing packing) {
        long start = Math.max(1, Math.min(budgetPixels, maxWholePixels));
        long minWhole = Math.min(start, Math.max(1, Math.round(budgetPixels * Math.min(1, Math.max(0, minWholeShare)))));
        Candidate best = null;
        for (long wholeBudget = start; ; wholeBudget = Math.max(minWhole, Math.round(wholeBudget / WHOLE_STEP))) {
            Candidate c = candidate(image, wanted, requests, model, limits, budgetPixels, wholeBudget);
            // the worst look decides; of two that serve it alike, the one with the finer whole image
            if (best == null || c.worstDeficit() < best.worstDeficit() * (1 - SAME_DEFICIT)) {
                best = c;
            }
            if (c.worstDeficit() <= 1 + 1e-9 || wholeBudget <= minWhole) {
                break;
            }
        }
        return build(image, wanted, best, model, limits, packing, budgetPixels);
    }

    /** One way to share the budget: the whole-image plan at {@code wholeBudget}, the looks at a common height. */
    private record Candidate(SearchPlan whole, List<Crop> crops, double floor, double worstDeficit) {
    }

    private static Candidate candidate(PixelRect image, SizeRange wanted, List<LookRequest> requests,
            ModelGeometry model, PlanLimits limits, long budgetPixels, long wholeBudget) {
        SearchPlan whole = ScalePlanner.plan(Look.WHOLE_IMAGE, image, wanted, model, withPlanPixels(limits, wholeBudget));
        double reach = whole.covered().min();
        List<Crop> crops = merged(active(requests, reach), model, limits);
        double floor = commonHeight(crops, reach, model, limits, budgetPixels - whole.inputPixels());
        // how far each request's wanted height stays below what is searched where it is
        double worst = 1;
        for (LookRequest r : requests) {
            double achieved = reach;
            for (Crop c : crops) {
                if (c.look() == r.look() && contains(c.area(), r.area())) {
                    double from = Math.max(c.wantedMin(), floor);
                    if (from < reach) {
                        achieved = Math.min(achieved, lookPlan(c, from, reach, model, limits).covered().min());
                    }
                }
            }
            worst = Math.max(worst, Math.max(r.wantedMin(), achieved) / r.wantedMin());
        }
        return new Candidate(whole, crops, floor, worst);
    }

    private static JointPlan build(PixelRect image, SizeRange wanted, Candidate chosen, ModelGeometry model,
            PlanLimits limits, Packing packing, long budgetPixels) {
        SearchPlan whole = chosen.whole();
        double covered = whole.covered().min();
        List<SearchPlan> looks = new ArrayList<>();
        List<Uncovered> uncovered = new ArrayList<>();
        if (!whole.complete()) {
            uncovered.add(new Uncovered(Look.WHOLE_IMAGE, image, wanted.min(), covered));
        }
        for (Crop c : chosen.crops()) {
            double from = Math.max(c.wantedMin(), chosen.floor());
            if (from >= covered) {
                uncovered.add(new Uncovered(c.look(), c.area(), c.wantedMin(), covered));
                continue;
            }
            SearchPlan p = lookPlan(c, from, covered, model, limits);
            SearchPlan look = new SearchPlan(c.look(), model.model(), c.area(), SizeRange.between(c.wantedMin(), covered),
                    p.covered(), p.passes());
            looks.add(look);
            if (!look.complete()) {
                uncovered.add(new Uncovered(c.look(), c.area(), c.wantedMin(), look.covered().min()));
            }
        }
        List<Pass> lookPasses = looks.stream().flatMap(l -> l.passes().stream()).toList();
        List<Canvas> packed = new ArrayList<>();
        List<Pass> alone = new ArrayList<>();
        pack(lookPasses, model.freeInput() && !limits.mirror() ? packing : Packing.none(), packed, alone);
        return new JointPlan(model.model(), budgetPixels, whole, looks, packed, alone, uncovered);
    }

    private static boolean contains(PixelRect outer, PixelRect inner) {
        return inner.x() >= outer.x() && inner.y() >= outer.y() && inner.x() + inner.width() <= outer.x() + outer.width()
                && inner.y() + inner.height() <= outer.y() + outer.height();
    }

    /** The requests that want smaller heights than the whole image covers. */
    private static List<Crop> active(List<LookRequest> requests, double covered) {
        List<Crop> out = new ArrayList<>();
        for (LookRequest r : requests) {
            if (r.wantedMin() < covered && r.area().width() >= ScalePlanner.MIN_AREA_SIDE
                    && r.area().height() >= ScalePlanner.MIN_AREA_SIDE) {
                out.add(new Crop(r.look(), r.area(), r.wantedMin()));
            }
        }
        return out;
    }

    /** Merges look areas that overlap or touch while one crop costs no more than the two it replaces. */
    private static List<Crop> merged(List<Crop> crops, ModelGeometry model, PlanLimits limits) {
        return PairMerge.merge(crops, (a, b) -> {
            if (a.look() != b.look() || !touch(a.area(), b.area())) {
                return Optional.empty();
            }
            Crop m = new Crop(a.look(), union(a.area(), b.area()), Math.min(a.wantedMin(), b.wantedMin()));
            return estimate(m, model, limits) <= estimate(a, model, limits) + estimate(b, model, limits)
                    ? Optional.of(m) : Optional.empty();
        });
    }

    /** Model-input pixels of one pass over the crop at the scale its smallest wanted height needs. */
    private static double estimate(Crop c, ModelGeometry model, PlanLimits limits) {
        double s = Math.min(limits.maxUpscale(), model.goodSizes().min() / c.wantedMin());
        return c.area().width() * s * c.area().height() * s;
    }

    static boolean touch(PixelRect a, PixelRect b) {
        return a.x() <= b.x() + b.width() && b.x() <= a.x() + a.width() && a.y() <= b.y() + b.height()
                && b.y() <= a.y() + a.height();
    }

    static PixelRect union(PixelRect a, PixelRect b) {
        return box(a).span(box(b)).toPixels();
    }

    private static Box box(PixelRect r) {
        return Box.ofSize(r.x(), r.y(), r.width(), r.height());
    }

    /** The plan of one look for heights {@code from..covered} (the whole image judges the taller ones). */
    private static SearchPlan lookPlan(Crop c, double from, double covered, ModelGeometry model, PlanLimits limits) {
        return ScalePlanner.plan(c.look(), c.area(), SizeRange.between(from, covered), model,
                withPlanPixels(limits, Long.MAX_VALUE / 4));
    }

    /**
     * The smallest common height L down to which every look fits into {@code remaining} pixels: each look searches
     * from {@code max(its wanted height, L)}; a look whose start reaches the whole image's covered height is dropped.
     */
    private static double commonHeight(List<Crop> crops, double covered, ModelGeometry model, PlanLimits limits,
            long remaining) {
        if (crops.isEmpty()) {
            return 0;
        }
        double lo = crops.stream().mapToDouble(Crop::wantedMin).min().orElseThrow();
        if (cost(crops, lo, covered, model, limits) <= remaining) {
            return lo;
        }
        double hi = covered;
        for (int i = 0; i < HEIGHT_SEARCH_STEPS; i++) {
            double mid = (lo + hi) / 2;
            if (cost(crops, mid, covered, model, limits) <= remaining) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private static long cost(List<Crop> crops, double floor, double covered, ModelGeometry model, PlanLimits limits) {
        long sum = 0;
        for (Crop c : crops) {
            double from = Math.max(c.wantedMin(), floor);
            if (from < covered) {
                sum += lookPlan(c, from, covered, model, limits).inputPixels();
            }
        }
        return sum;
    }

    /**
     * Shelf packing, tallest first: slots left to right in rows, a new row when the canvas is full across, a new
     * canvas when it is full down. A canvas with one slot is no canvas: that pass runs alone.
     */
    static void pack(List<Pass> passes, Packing packing, List<Canvas> packed, List<Pass> alone) {
        if (!packing.enabled()) {
            alone.addAll(passes);
            return;
        }
        int gap = packing.gap();
        int maxSide = (int) Math.floor(Math.sqrt((double) packing.maxCanvasPixels()));
        List<Canvas.Slot> slots = new ArrayList<>();
        for (Pass p : passes) {
            int w = size(p.area().width(), p.scale());
            int h = size(p.area().height(), p.scale());
            if (w > maxSide || h > maxSide) {
                alone.add(p);
            } else {
                slots.add(new Canvas.Slot(p, 0, 0, w, h));
            }
        }
        if (slots.isEmpty()) {
            return;
        }
        slots.sort(Comparator.comparingInt(Canvas.Slot::height).reversed().thenComparing(Canvas.Slot::width,
                Comparator.reverseOrder()));
        long area = slots.stream().mapToLong(s -> (long) (s.width() + gap) * (s.height() + gap)).sum();
        int widest = slots.stream().mapToInt(Canvas.Slot::width).max().orElseThrow();
        int width = roundUp(Math.max(widest, Math.min(maxSide, (int) Math.ceil(Math.sqrt(area)))), packing.multipleOf());
        int maxHeight = (int) Math.max(1, packing.maxCanvasPixels() / width);
        List<Canvas.Slot> current = new ArrayList<>();
        int x = 0;
        int y = 0;
        int rowHeight = 0;
        for (Canvas.Slot s : slots) {
            if (x > 0 && x + s.width() > width) {
                y += rowHeight + gap;
                x = 0;
                rowHeight = 0;
            }
            if (y + s.height() > maxHeight && !current.isEmpty()) {
                close(current, width, y + rowHeight, packing, packed, alone);
                current = new ArrayList<>();
                x = 0;
                y = 0;
                rowHeight = 0;
            }
            current.add(new Canvas.Slot(s.pass(), x, y, s.width(), s.height()));
            x += s.width() + gap;
            rowHeight = Math.max(rowHeight, s.height());
        }
        close(current, width, y + rowHeight, packing, packed, alone);
    }

    private static void close(List<Canvas.Slot> slots, int width, int height, Packing packing, List<Canvas> packed,
            List<Pass> alone) {
        if (slots.size() == 1) {
            alone.add(slots.get(0).pass());
            return;
        }
        int used = slots.stream().mapToInt(s -> s.x() + s.width()).max().orElse(width);
        packed.add(new Canvas(roundUp(used, packing.multipleOf()), roundUp(height, packing.multipleOf()), slots));
    }

    private static int size(int side, double scale) {
        return (int) Math.max(1, Math.round(side * scale));
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    private static PlanLimits withPlanPixels(PlanLimits l, long pixels) {
        return new PlanLimits(l.maxUpscale(), l.scaleStep(), l.maxPassPixels(), Math.max(1, pixels), l.mirror());
    }
}
