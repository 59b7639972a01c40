package dev.anonymizer.region;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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
