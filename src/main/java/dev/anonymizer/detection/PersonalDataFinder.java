package dev.anonymizer.detection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

import dev.anonymizer.config.DetectionConfig;
import dev.anonymizer.region.Box;
import dev.anonymizer.region.Category;
import dev.anonymizer.region.PixelRect;
import dev.anonymizer.region.Region;
import dev.anonymizer.region.Regions;
import dev.anonymizer.region.Tiles;

/**
 * Looks for personal data the way a careful person would: the whole image first, then closer. Persons and vehicles
 * are found on the whole image; faces are searched on the whole image, on tiles of large images and again inside
 * the upper part of each person box (the crop is enlarged to the detector's input, so small faces grow); text is
 * searched on the whole image, on tiles of large images and inside each vehicle box. Overlaps are merged once, per
 * category, by {@link Regions#suppress}. All boxes come back in pixels of the given image.
 */
@ApplicationScoped
public class PersonalDataFinder {

    /** A vehicle crop is grown by this share per side so a plate on the bumper's edge stays inside it. */
    private static final double VEHICLE_CROP_MARGIN = 0.05;
    /** Context around small text for its closer look: one box width left and right, 1.5 heights above and below. */
    private static final double REFINE_CONTEXT_X = 1.0;
    private static final double REFINE_CONTEXT_Y = 1.5;
    /** Text boxes overlapping more than this after joining are one and the same find of two passes. */
    private static final double TEXT_DUPLICATE_IOU = 0.7;

    private final ModelRegistry models;
    private final DetectionConfig config;
    private final Set<String> personLabels;
    private final Set<String> vehicleLabels;

    public PersonalDataFinder(ModelRegistry models, DetectionConfig config) {
        this.models = models;
        this.config = config;
        this.personLabels = Set.copyOf(config.objects().personLabels());
        this.vehicleLabels = Set.copyOf(config.objects().vehicleLabels());
    }

    /** What was found, and how long each detector took in total (ms), for the audit and the benchmark. */
    public record Findings(List<Region> regions, Map<String, Long> millisByDetector) {
    }

    /** Minimum scores per detector. */
    public record Thresholds(double face, double text, double objects) {
    }

    /** The configured thresholds. */
    public Thresholds configured() {
        return new Thresholds(config.face().minScore(), config.text().minScore(), config.objects().minScore());
    }

    /** Finds faces, text, persons and vehicles in {@code image} (BGR, upright) with the configured thresholds. */
    public Findings find(Mat image) {
        return find(image, configured());
    }

    /** As {@link #find(Mat)} with other thresholds (calibration sweeps run once at the lowest and filter). */
    public Findings find(Mat image, Thresholds min) {
        Map<String, Long> timings = new LinkedHashMap<>();
        int w = image.cols();
        int h = image.rows();
        Box whole = new Box(0, 0, w, h);

        List<Region> objects = new ArrayList<>();
        models.objects().ifPresent(det -> timed(timings, "objects", () -> {
            for (Detection d : det.detect(image, min.objects())) {
                Category c = personLabels.contains(d.label()) ? Category.PERSON
                        : vehicleLabels.contains(d.label()) ? Category.VEHICLE : null;
                if (c != null) {
                    objects.add(new Region(c, d.label(), d.score(), d.box(), det.model().id()));
                }
            }
        }));
        List<Region> merged = new ArrayList<>(Regions.suppress(objects, config.objects().nmsIou()));
        List<Region> persons = largest(Regions.ofCategory(merged, Category.PERSON));
        List<Region> vehicles = largest(Regions.ofCategory(merged, Category.VEHICLE));

        if (!models.faces().isEmpty()) {
            timed(timings, "faces", () -> {
                List<Region> faces = new ArrayList<>();
                boolean primary = true;
                for (Detector det : models.faces()) {
                    searchFaces(det, image, whole, persons, min.face(), primary || config.face().extraModelsWholeImage(),
                            faces);
                    primary = false;
                }
                // a "face" filling much of a vehicle box is the vehicle (an SSD face model reads car fronts and
                // rears as faces); a driver's or passer-by's face is a small part of it
                double share = config.face().maxVehicleShare();
                List<Region> allVehicles = Regions.ofCategory(merged, Category.VEHICLE);
                merged.addAll(Regions.suppress(faces, config.face().nmsIou()).stream()
                        .filter(f -> share <= 0 || allVehicles.stream().noneMatch(v -> f.box().coveredBy(v.box()) >= 0.5
                                && f.box().area() > share * v.box().area()))
                        .toList());
            });
        }

        models.text().ifPresent(det -> timed(timings, "text", () -> {
            List<Region> text = new ArrayList<>();
            search(det, image, whole, Category.TEXT, min.text(), text);
            if (config.tiling().enabled() && Math.max(w, h) > config.tiling().minImageSide()) {
                for (PixelRect t : Tiles.grid(w, h, config.tiling().tileSize(), config.tiling().overlap())) {
                    search(det, image, toBox(t), Category.TEXT, min.text(), text);
                }
            }
            if (config.secondStage().textInVehicles()) {
                for (Region v : vehicles) {
                    Box crop = v.box().pad(VEHICLE_CROP_MARGIN, VEHICLE_CROP_MARGIN).clamp(w, h);
                    search(det, image, crop, Category.TEXT, min.text(), config.secondStage().maxUpscale(), text);
                }
            }
            if (config.secondStage().refineText()) {
                // small text (distant plates) gets a closer look with context around it: a partly read plate
                // becomes a whole one, and its boxes are redrawn from more pixels
                List<Region> closer = new ArrayList<>();
                text.stream().filter(t -> t.box().height() <= config.secondStage().refineMaxHeight())
                        .sorted(Comparator.comparingDouble(Region::score).reversed())
                        .limit(config.secondStage().maxBoxes())
                        .forEach(t -> search(det, image, t.box().pad(REFINE_CONTEXT_X, REFINE_CONTEXT_Y).clamp(w, h),
                                Category.TEXT, min.text(), config.secondStage().maxUpscale(), closer));
                text.addAll(closer);
            }
            // overlapping boxes of one line are joined, not suppressed: every pixel any pass saw as text is kept
            List<Region> lines = Regions.joinLines(text, Category.TEXT, Math.max(0, config.text().joinGap()));
            List<Region> kept = Regions.suppress(lines, TEXT_DUPLICATE_IOU);
            if (config.text().scope() == DetectionConfig.TextScope.NEAR_VEHICLES) {
                double m = config.text().vehicleMargin();
                kept = kept.stream().filter(t -> vehicles.stream()
                        .anyMatch(v -> t.box().coveredBy(v.box().pad(m, m)) > 0.5)).toList();
            }
            merged.addAll(kept);
        }));
        return new Findings(merged, timings);
    }

    /** One face detector: whole image (where asked), its tiles, and the upper part of each person box. */
    private void searchFaces(Detector det, Mat image, Box whole, List<Region> persons, double minScore,
            boolean wholeImage, List<Region> faces) {
        int w = image.cols();
        int h = image.rows();
        if (wholeImage) {
            search(det, image, whole, Category.FACE, minScore, faces);
        }
        int inputSide = Math.max(det.model().input().fixedWidth(), det.model().input().fixedHeight());
        int tile = (int) Math.round(config.tiling().faceTileScale() * (inputSide > 0 ? inputSide : 512));
        if (config.tiling().enabled() && tile > 0 && Math.max(w, h) > tile * 1.5) {
            // Each scale answers for its own sizes: a face larger than half a tile is judged on the whole image,
            // where it is small enough for the model; found in an enlarged tile it is mostly texture (water, sand).
            double maxSide = tile * config.tiling().faceTileMaxFaceFraction();
            for (PixelRect t : Tiles.grid(w, h, tile, config.tiling().overlap())) {
                List<Region> inTile = new ArrayList<>();
                search(det, image, toBox(t), Category.FACE, minScore, inTile);
                inTile.stream().filter(f -> Math.max(f.box().width(), f.box().height()) <= maxSide).forEach(faces::add);
            }
        }
        if (config.secondStage().facesInPersons()) {
            for (Region p : persons) {
                Box b = p.box();
                Box head = new Box(b.x1(), b.y1(), b.x2(), b.y1() + b.height() * config.secondStage().personHeadFraction());
                search(det, image, squareAround(head, w, h), Category.FACE, minScore, faces);
            }
        }
    }

    /** Runs {@code det} on the part {@code area} of the image and adds what it finds, in image pixels. */
    private static void search(Detector det, Mat image, Box area, Category category, double minScore, List<Region> out) {
        search(det, image, area, category, minScore, 1.0, out);
    }

    private static void search(Detector det, Mat image, Box area, Category category, double minScore, double upscale,
            List<Region> out) {
        PixelRect r = area.clamp(image.cols(), image.rows()).toPixels();
        int rw = Math.min(r.width(), image.cols() - r.x());
        int rh = Math.min(r.height(), image.rows() - r.y());
        if (rw < 8 || rh < 8) {
            return;
        }
        boolean whole = r.x() == 0 && r.y() == 0 && rw == image.cols() && rh == image.rows();
        List<Detection> found;
        if (whole) {
            found = det.detect(image, minScore);
        } else {
            try (Rect rect = new Rect(r.x(), r.y(), rw, rh); Mat crop = new Mat(image, rect); Mat copy = crop.clone()) {
                found = det.detectCloser(copy, minScore, upscale);
            }
        }
        for (Detection d : found) {
            out.add(new Region(category, d.label(), d.score(), d.box().translate(r.x(), r.y()), det.model().id()));
        }
    }

    private List<Region> largest(List<Region> regions) {
        int min = config.secondStage().minBoxSide();
        return regions.stream()
                .filter(r -> Math.min(r.box().width(), r.box().height()) >= min)
                .sorted(Comparator.comparingDouble((Region r) -> r.box().area()).reversed())
                .limit(config.secondStage().maxBoxes())
                .toList();
    }

    /** A square around the box's centre, as large as its longer side, cut to the image (detectors prefer squares). */
    private static Box squareAround(Box b, int w, int h) {
        double side = Math.max(b.width(), b.height());
        return new Box(b.centerX() - side / 2, b.centerY() - side / 2, b.centerX() + side / 2, b.centerY() + side / 2)
                .clamp(w, h);
    }

    private static Box toBox(PixelRect t) {
        return Box.ofSize(t.x(), t.y(), t.width(), t.height());
    }

    private static void timed(Map<String, Long> timings, String name, Runnable work) {
        long start = System.nanoTime();
        work.run();
        timings.merge(name, (System.nanoTime() - start) / 1_000_000, Long::sum);
    }
}
