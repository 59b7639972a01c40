package dev.anonymizer.region;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Overlap handling in one place: non-maximum suppression and the final merge of regions found by several passes
 * (full image, tiles, crops). All boxes are in image pixels; the one IoU is {@link Box#iou(Box)}.
 */
public final class Regions {

    private Regions() {
    }

    /**
     * Greedy non-maximum suppression within each category: keeps the highest-scoring region and drops the others
     * whose IoU with a kept one exceeds {@code iouThreshold}, or that lie almost wholly (90%) inside a kept one.
     */
    public static List<Region> suppress(List<Region> regions, double iouThreshold) {
        Map<Category, List<Region>> byCategory = new EnumMap<>(Category.class);
        for (Region r : regions) {
            byCategory.computeIfAbsent(r.category(), c -> new ArrayList<>()).add(r);
        }
        List<Region> kept = new ArrayList<>();
        for (List<Region> group : byCategory.values()) {
            group.sort(Comparator.comparingDouble(Region::score).reversed());
            List<Region> keptHere = new ArrayList<>();
            for (Region candidate : group) {
                boolean duplicate = false;
                for (Region k : keptHere) {
                    if (candidate.box().iou(k.box()) > iouThreshold || candidate.box().coveredBy(k.box()) > 0.9) {
                        duplicate = true;
                        break;
                    }
                }
                if (!duplicate) {
                    keptHere.add(candidate);
                }
            }
            kept.addAll(keptHere);
        }
        return kept;
    }

    /**
     * Joins boxes of {@code category} that sit on one line with a gap of at most {@code gapFactor} times the taller
     * box's height (and overlap vertically by half the shorter one): a plate or a line of a document read as
     * several words becomes one region, so the gaps between its characters are censored too. Repeats until stable.
     * Other categories pass unchanged; 0 turns joining off.
     */
    public static List<Region> joinLines(List<Region> regions, Category category, double gapFactor) {
        if (gapFactor <= 0) {
            return regions;
        }
        List<Region> lines = new ArrayList<>();
        List<Region> others = new ArrayList<>();
        for (Region r : regions) {
            (r.category() == category ? lines : others).add(r);
        }
        others.addAll(PairMerge.merge(lines, (p, q) -> {
            Box a = p.box();
            Box b = q.box();
            double overlapY = Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1());
            double gapX = Math.max(a.x1(), b.x1()) - Math.min(a.x2(), b.x2());
            if (overlapY < 0.5 * Math.min(a.height(), b.height())
                    || gapX > gapFactor * Math.max(a.height(), b.height())) {
                return Optional.empty();
            }
            Region keep = p.score() >= q.score() ? p : q;
            return Optional.of(keep.withBox(a.span(b)));
        }));
        return others;
    }

    /** Regions of one category. */
    public static List<Region> ofCategory(List<Region> regions, Category category) {
        return regions.stream().filter(r -> r.category() == category).toList();
    }

    /** Each region padded by the given fractions and cut to the image; regions left empty are dropped. */
    public static List<Region> padAndClamp(List<Region> regions, Map<Category, double[]> padding, int width, int height) {
        List<Region> out = new ArrayList<>(regions.size());
        for (Region r : regions) {
            double[] pad = padding.getOrDefault(r.category(), new double[] {0, 0});
            Box b = r.box().pad(pad[0], pad[1]).clamp(width, height);
            if (b.area() > 0) {
                out.add(r.withBox(b));
            }
        }
        return out;
    }

    /** Count per category, every category present (zero when none). */
    public static Map<Category, Integer> countByCategory(List<Region> regions) {
        Map<Category, Integer> counts = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            counts.put(c, 0);
        }
        for (Region r : regions) {
            counts.merge(r.category(), 1, Integer::sum);
        }
        return counts;
    }
}
