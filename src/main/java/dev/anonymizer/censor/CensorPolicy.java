package dev.anonymizer.censor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bytedeco.opencv.opencv_core.Mat;

import dev.anonymizer.region.Category;
import dev.anonymizer.region.Region;
import dev.anonymizer.region.Regions;

/**
 * The configured policy per category (censored or not, style, padding) and its application to an image.
 */
public class CensorPolicy {

    private final Map<Category, CensorStyle> styles = new EnumMap<>(Category.class);
    private final Map<Category, double[]> padding = new EnumMap<>(Category.class);
    /** Every category's style, censored by default or not: a person's box is censored whatever the default. */
    private final Map<Category, CensorStyle> askedStyles = new EnumMap<>(Category.class);
    private final RegionCensor censor;

    public CensorPolicy(CensorSettings settings) {
        this.censor = new RegionCensor(settings.blurCells(), settings.pixelateCells());
        settings.categories().forEach((category, p) -> {
            if (p.enabled()) {
                styles.put(category, p.style());
            }
            padding.put(category, new double[] {p.padX(), p.padY()});
            askedStyles.put(category, p.style());
        });
    }

    /** The outline censored inside a region's box, for measuring what a censored region really covers. */
    public Optional<CensorStyle.Shape> shapeOf(Category category) {
        return Optional.ofNullable(styles.get(category)).map(CensorStyle::shape);
    }

    /** Whether regions of this category are censored. */
    public boolean censors(Category category) {
        return styles.containsKey(category);
    }

    /**
     * The regions that will be censored: those of censored categories, padded per category and cut to the image.
     */
    public List<Region> regionsToCensor(List<Region> found, int width, int height) {
        List<Region> selected = new ArrayList<>();
        for (Region r : found) {
            if (censors(r.category())) {
                selected.add(r);
            }
        }
        return Regions.padAndClamp(selected, padding, width, height);
    }

    /** Censors each region in place, each with its category's style. */
    public void apply(Mat image, List<Region> regions) {
        // larger regions first, so that a small elliptic face inside a censored person is still censored on top
        List<Region> ordered = new ArrayList<>(regions);
        ordered.sort((a, b) -> Double.compare(b.box().area(), a.box().area()));
        for (Region r : ordered) {
            CensorStyle style = styles.get(r.category());
            if (style != null) {
                censor.apply(image, r.box(), style);
            }
        }
    }

    /**
     * Censors a region a person asked for (a reviewer's box) in place: padded with its category's padding, cut to
     * the image and censored in its category's style, even for a category that is not censored by default (persons,
     * vehicles). Returns the region censored; empty when nothing of it lies in the image.
     */
    public Optional<Region> applyAsked(Mat image, Region asked) {
        List<Region> padded = Regions.padAndClamp(List.of(asked), padding, image.cols(), image.rows());
        if (padded.isEmpty()) {
            return Optional.empty();
        }
        censor.apply(image, padded.get(0).box(), askedStyles.get(asked.category()));
        return Optional.of(padded.get(0));
    }
}
