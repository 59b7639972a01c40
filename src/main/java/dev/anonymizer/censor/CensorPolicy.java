package dev.anonymizer.censor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.bytedeco.opencv.opencv_core.Mat;

import dev.anonymizer.config.CensorConfig;
import dev.anonymizer.region.Category;
import dev.anonymizer.region.Region;
import dev.anonymizer.region.Regions;

/**
 * The configured policy per category (censored or not, style, padding) and its application to an image.
 */
@ApplicationScoped
public class CensorPolicy {

    private final Map<Category, CensorStyle> styles = new EnumMap<>(Category.class);
    private final Map<Category, double[]> padding = new EnumMap<>(Category.class);
    private final RegionCensor censor;

    public CensorPolicy(CensorConfig c) {
        this.censor = new RegionCensor(c.blurCells(), c.pixelateCells());
        CensorConfig.Face f = c.face();
        put(Category.FACE, f.enabled(), new CensorStyle(f.method(), f.shape(), f.fillColour(), f.feather()), f.padX(), f.padY());
        CensorConfig.Text t = c.text();
        put(Category.TEXT, t.enabled(), new CensorStyle(t.method(), t.shape(), t.fillColour(), t.feather()), t.padX(), t.padY());
        CensorConfig.Plate pl = c.plate();
        put(Category.PLATE, pl.enabled(), new CensorStyle(pl.method(), pl.shape(), pl.fillColour(), pl.feather()), pl.padX(), pl.padY());
        CensorConfig.Person p = c.person();
        put(Category.PERSON, p.enabled(), new CensorStyle(p.method(), p.shape(), p.fillColour(), p.feather()), p.padX(), p.padY());
        CensorConfig.Vehicle v = c.vehicle();
        put(Category.VEHICLE, v.enabled(), new CensorStyle(v.method(), v.shape(), v.fillColour(), v.feather()), v.padX(), v.padY());
    }

    private void put(Category category, boolean enabled, CensorStyle style, double padX, double padY) {
        if (enabled) {
            styles.put(category, style);
        }
        padding.put(category, new double[] {padX, padY});
    }

    /** The outline censored inside a region's box, for measuring what a censored region really covers. */
    public java.util.Optional<dev.anonymizer.config.CensorConfig.Shape> shapeOf(Category category) {
        return java.util.Optional.ofNullable(styles.get(category)).map(CensorStyle::shape);
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
}
