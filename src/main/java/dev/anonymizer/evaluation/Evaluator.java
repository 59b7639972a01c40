package dev.anonymizer.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.censor.CensorPolicy;
import dev.anonymizer.detection.Detection;
import dev.anonymizer.detection.ModelRegistry;
import dev.anonymizer.detection.PersonalDataFinder;
import dev.anonymizer.imaging.DecodedImage;
import dev.anonymizer.imaging.ImageDecoder;
import dev.anonymizer.pipeline.AnonymizedImage;
import dev.anonymizer.pipeline.Anonymizer;
import dev.anonymizer.region.Box;
import dev.anonymizer.region.Category;
import dev.anonymizer.region.Region;

/**
 * Calibration: runs the detectors and the censoring policy over a folder of labelled images and reports, per group
 * and score threshold, the recall and the extra censored area.
 * <ul>
 * <li>plates ({@code plate}) and faces ({@code face}): a labelled box counts as anonymized when the censored regions
 * (final policy: padding, all censored categories, two-stage search, tiling; an elliptic censor covers only its
 * ellipse) cover at least 80% of it; faces are also grouped by height (&lt; 20 px, 20-50 px, &gt; 50 px). The extra
 * censored area counts censored boxes as whole rectangles (an upper bound for ellipses);</li>
 * <li>COCO objects ({@code person}, {@code car}, ...): a labelled box counts when a detection of the same label
 * matches it at IoU &ge; 0.5 (greedy one-to-one matching by score).</li>
 * </ul>
 * The detectors run once per image at the lowest threshold, through the same core the function uses; higher
 * thresholds filter that result.
 */
@ApplicationScoped
public class Evaluator {

    /** Share of a labelled box that censored regions must cover. */
    public static final double COVERED = 0.8;
    /** Share of a labelled plate inside a vehicle box for that vehicle to count as the plate's. */
    static final double VEHICLE_HOLDS_PLATE = 0.5;
    /** IoU at which a detection matches a labelled object. */
    public static final double MATCH_IOU = 0.5;

    private final Anonymizer core;
    private final PersonalDataFinder finder;
    private final CensorPolicy policy;
    private final ModelRegistry models;
    private final ImageDecoder decoder;
    private final ObjectMapper json;

    public Evaluator(Anonymizer core, PersonalDataFinder finder, CensorPolicy policy, ModelRegistry models,
            ImageDecoder decoder, ObjectMapper json) {
        this.core = core;
        this.finder = finder;
        this.policy = policy;
        this.models = models;
        this.decoder = decoder;
        this.json = json;
    }

    /** Evaluates every labelled image under {@code folder}; {@code progress} gets one line per 25 images. */
    public EvaluationReport evaluate(Path folder, List<Double> thresholds, Consumer<String> progress) {
        return evaluate(folder, thresholds, progress, ReportMaterial.NONE);
    }

    /** As above; {@code material} also gets, at the lowest threshold, each image's misses and extra area. */
    public EvaluationReport evaluate(Path folder, List<Double> thresholds, Consumer<String> progress,
            ReportMaterial material) {
        List<LabelledImage> images = LabelledSets.load(folder, json);
        List<Double> ts = thresholds.stream().sorted().toList();
        double floor = ts.get(0);
        EvaluationReport report = new EvaluationReport(folder.toString(), ts);
        long start = System.nanoTime();
        int done = 0;
        for (LabelledImage image : images) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(image.file());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (image.boxes().stream().anyMatch(b -> isCensorCategory(b.label()))) {
                censorRecall(image, core.anonymize(bytes, lowered(image, floor)), ts, floor, report, material);
            } else {
                try (DecodedImage decoded = decoder.decode(bytes)) {
                    detectionRecall(image, decoded, ts, floor, report);
                }
            }
            done++;
            if (done % 25 == 0) {
                progress.accept(String.format("%d/%d images, %.0f ms/image", done, images.size(),
                        (System.nanoTime() - start) / 1e6 / done));
            }
        }
        report.finish(images.size(), (System.nanoTime() - start) / 1e6);
        return report;
    }

    private static boolean isCensorCategory(String label) {
        return label.equals("plate") || label.equals("face") || label.equals("text");
    }

    private static Category categoryOf(String label) {
        return label.equals("face") ? Category.FACE : Category.TEXT;
    }

    /** The configured thresholds with the evaluated category's lowered to {@code floor}. */
    private PersonalDataFinder.Thresholds lowered(LabelledImage image, double floor) {
        PersonalDataFinder.Thresholds configured = core.configured();
        return categoryOf(image.boxes().get(0).label()) == Category.FACE
                ? new PersonalDataFinder.Thresholds(floor, configured.text(), configured.objects())
                : new PersonalDataFinder.Thresholds(configured.face(), floor, configured.objects());
    }

    private void censorRecall(LabelledImage image, AnonymizedImage anonymized, List<Double> ts, double floor,
            EvaluationReport report, ReportMaterial material) {
        Category evaluated = categoryOf(image.boxes().get(0).label());
        report.searched(anonymized.plans(), anonymized.detectorMillis());
        List<Region> found = anonymized.found();
        List<Box> labelledAndIgnored = new ArrayList<>();
        image.boxes().forEach(b -> labelledAndIgnored.add(b.box()));
        labelledAndIgnored.addAll(image.ignore());
        for (double t : ts) {
            List<ReportMaterial.Missed> missed = new ArrayList<>();
            List<Region> kept = found.stream().filter(r -> !scoredAs(r.category(), evaluated) || r.score() >= t)
                    .toList();
            List<Region> censoredRegions = core.regionsToCensor(kept, anonymized.width(), anonymized.height());
            List<Box> censored = censoredRegions.stream().map(Region::box).toList();
            List<Box> rectangles = censoredRegions.stream().filter(r -> !elliptic(r.category())).map(Region::box).toList();
            List<Box> ellipses = censoredRegions.stream().filter(r -> elliptic(r.category())).map(Region::box).toList();
            List<Box> censoredOfCategory = censoredRegions.stream().filter(r -> scoredAs(r.category(), evaluated))
                    .map(Region::box).toList();
            for (LabelledImage.Labelled l : image.boxes()) {
                double covered = Coverage.covered(l.box(), rectangles, ellipses);
                boolean hit = covered >= COVERED;
                report.count(l.label(), t, hit);
                if (!hit) {
                    report.missKind(t, MissKind.of(covered));
                    missed.add(new ReportMaterial.Missed(l.label(), l.box(), covered));
                    report.miss(t, String.format("%s %s %.0f,%.0f %.0fx%.0f covered %.0f%% (%s)",
                            image.file().getFileName(), l.label(), l.box().x1(), l.box().y1(), l.box().width(),
                            l.box().height(), 100 * covered, MissKind.of(covered).key()));
                }
                double h = l.box().height();
                if (l.label().equals("plate")) {
                    report.count(h < 10 ? "plate <10px" : h <= 20 ? "plate 10-20px" : "plate >20px", t, hit);
                    if (h >= 10) {
                        report.count("plate >=10px", t, hit);
                    }
                    // the closer looks at plates start from vehicles: was the plate's vehicle found at all?
                    report.count("vehicle of plate", t, found.stream().anyMatch(r -> r.category() == Category.VEHICLE
                            && l.box().coveredBy(r.box()) >= VEHICLE_HOLDS_PLATE));
                }
                if (evaluated == Category.FACE) {
                    report.count(h < 20 ? "face <20px" : h <= 50 ? "face 20-50px" : "face >50px", t, hit);
                    if (h >= 20) {
                        report.count("face >=20px", t, hit);
                        report.count(l.hard() ? "face >=20px hard" : "face >=20px clear", t, hit);
                    }
                }
            }
            int w = anonymized.width();
            int h = anonymized.height();
            double extra = Coverage.extraArea(w, h, censored, labelledAndIgnored);
            List<Box> ownRectangles = censoredRegions.stream()
                    .filter(r -> scoredAs(r.category(), evaluated) && !elliptic(r.category())).map(Region::box).toList();
            List<Box> ownEllipses = censoredRegions.stream()
                    .filter(r -> scoredAs(r.category(), evaluated) && elliptic(r.category())).map(Region::box).toList();
            report.extraArea(t, extra, Coverage.extraArea(w, h, censoredOfCategory, labelledAndIgnored),
                    Coverage.extraArea(w, h, ownRectangles, ownEllipses, labelledAndIgnored));
            if (t == floor) {
                // at the lowest threshold the core's censored copy is exactly what was measured: the report shows it
                material.add(image, anonymized.bytes(), missed, extra);
            }
        }
    }

    /** Plate frames carry the score of the text they were grown from: they are kept or dropped with it. */
    private static boolean scoredAs(Category category, Category evaluated) {
        return category == evaluated || evaluated == Category.TEXT && category == Category.PLATE;
    }

    private boolean elliptic(Category category) {
        return policy.shapeOf(category).filter(s -> s == dev.anonymizer.censor.CensorStyle.Shape.ELLIPSE).isPresent();
    }

    private void detectionRecall(LabelledImage image, DecodedImage decoded, List<Double> ts, double floor,
            EvaluationReport report) {
        if (models.objects().isEmpty()) {
            throw new IllegalStateException("labelled objects need the object detector (anonymizer.detection.objects)");
        }
        List<Detection> detections = finder.objects(decoded.pixels(), floor);
        for (double t : ts) {
            Map<String, List<Detection>> byLabel = new TreeMap<>();
            detections.stream().filter(d -> d.score() >= t)
                    .sorted(Comparator.comparingDouble(Detection::score).reversed())
                    .forEach(d -> byLabel.computeIfAbsent(d.label(), k -> new ArrayList<>()).add(d));
            List<LabelledImage.Labelled> unmatched = new ArrayList<>(image.boxes());
            List<LabelledImage.Labelled> matched = new ArrayList<>();
            for (List<Detection> ds : byLabel.values()) {
                for (Detection d : ds) {
                    LabelledImage.Labelled best = null;
                    double bestIou = MATCH_IOU;
                    for (LabelledImage.Labelled l : unmatched) {
                        double iou = l.box().iou(d.box());
                        if (l.label().equals(d.label()) && iou >= bestIou) {
                            best = l;
                            bestIou = iou;
                        }
                    }
                    if (best != null) {
                        unmatched.remove(best);
                        matched.add(best);
                    }
                }
            }
            matched.forEach(l -> report.count(l.label(), t, true));
            unmatched.forEach(l -> report.count(l.label(), t, false));
        }
    }
}
