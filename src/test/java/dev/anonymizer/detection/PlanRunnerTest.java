package dev.anonymizer.detection;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.CHAIN_APPROX_SIMPLE;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.RETR_EXTERNAL;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.boundingRect;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.findContours;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

import dev.anonymizer.detection.plan.GuidedFinePass;
import dev.anonymizer.detection.plan.JointPlan;
import dev.anonymizer.detection.plan.JointPlanner;
import dev.anonymizer.detection.plan.Look;
import dev.anonymizer.detection.plan.LookRequest;
import dev.anonymizer.detection.plan.ModelGeometry;
import dev.anonymizer.detection.plan.Pass;
import dev.anonymizer.detection.plan.PlanLimits;
import dev.anonymizer.detection.plan.ScalePlanner;
import dev.anonymizer.detection.plan.SearchPlan;
import dev.anonymizer.detection.plan.SizeRange;
import dev.anonymizer.region.Box;
import dev.anonymizer.region.PixelRect;

/**
 * Plans run with a fake detector that, like a real model, only sees objects of its good size range: it finds white
 * squares in the pixels it is given, at the scale it is given, and reports those whose height in its input lies in
 * 14-200 px. Every square of the image, whatever its size and wherever it lies (across tile borders too), must come
 * back once the whole plan has run, in pixels of the whole image.
 */
class PlanRunnerTest {

    private static final SizeRange GOOD = new SizeRange(14, 200);
    private static final long MP = 1_000_000;
    private static final InferencePool ONE_AT_A_TIME = new InferencePool(1);

    /** Sees white squares whose scaled height lies in {@link #GOOD}; records every pass it ran. */
    static final class SquareFinder implements Detector {
        final List<Double> scalesSeen = Collections.synchronizedList(new ArrayList<>());

        @Override
        public List<Detection> detect(Mat bgr, double scale, double minScore) {
            scalesSeen.add(scale);
            List<Detection> found = new ArrayList<>();
            int w = Math.max(1, (int) Math.round(bgr.cols() * scale));
            int h = Math.max(1, (int) Math.round(bgr.rows() * scale));
            try (Mat scaled = new Mat(); Size size = new Size(w, h); Mat grey = new Mat(); Mat mask = new Mat();
                    MatVector contours = new MatVector(); Mat hierarchy = new Mat()) {
                resize(bgr, scaled, size, 0, 0, INTER_NEAREST);
                cvtColor(scaled, grey, COLOR_BGR2GRAY);
                threshold(grey, mask, 200, 255, THRESH_BINARY);
                findContours(mask, contours, hierarchy, RETR_EXTERNAL, CHAIN_APPROX_SIMPLE);
                for (long i = 0; i < contours.size(); i++) {
                    try (Mat c = contours.get(i); Rect r = boundingRect(c)) {
                        if (GOOD.contains(r.height())) {
                            found.add(new Detection("square", 0.9, new Box(r.x() / scale, r.y() / scale,
                                    (r.x() + r.width()) / scale, (r.y() + r.height()) / scale)));
                        }
                    }
                }
            }
            return found;
        }

        @Override
        public ModelDescriptor model() {
            throw new UnsupportedOperationException("a fake has no descriptor");
        }
    }

    @Test
    void aPlannedSearchFindsEverySizeFromTheMinimumToTheWholeImage() {
        try (Mat image = new Mat(1080, 1920, CV_8UC3, new Scalar(60, 60, 60, 0))) {
            List<Box> squares = new ArrayList<>();
            int x = 20;
            for (int side : new int[] {10, 13, 18, 26, 37, 55, 80, 120, 170, 250}) {
                squares.add(Box.ofSize(x, 20, side, side));
                x += side + 23;
            }
            squares.add(Box.ofSize(1100, 20, 360, 360));
            squares.add(Box.ofSize(20, 420, 600, 600));
            // across the borders of the finest scale's tiles (about 1000 px apart)
            squares.add(Box.ofSize(985, 700, 40, 40));
            squares.add(Box.ofSize(1003, 1000, 12, 12));
            squares.forEach(b -> fill(image, b));
            // 1.4x of this photo is over the 2 MP limit of one pass: the finest scale runs in tiles
            SearchPlan plan = ScalePlanner.plan(Look.WHOLE_IMAGE, new PixelRect(0, 0, 1920, 1080),
                    SizeRange.atLeast(10), ModelGeometry.free("squares", GOOD),
                    new PlanLimits(3, 2, 2 * MP, 1000 * MP, false));
            assertTrue(plan.passes().size() > plan.scales().size(), "tiled: " + plan.describe());
            List<Detection> found = PlanRunner.run(new SquareFinder(), image, plan, 0.5, ONE_AT_A_TIME);
            for (Box sq : squares) {
                assertTrue(found.stream().anyMatch(d -> d.box().iou(sq) > 0.8),
                        "square of " + sq.height() + " px at " + sq + " found: " + plan.describe());
            }
            for (Detection d : found) {
                assertTrue(squares.stream().anyMatch(sq -> d.box().coveredBy(sq.pad(0.05, 0.05)) > 0.99),
                        "nothing found off the squares: " + d);
            }
        }
    }

    /** Passes run side by side (a pool of three) find what they find one after the other, in the same order. */
    @Test
    void passesSideBySideFindTheSameInTheSameOrder() {
        try (Mat image = new Mat(1080, 1920, CV_8UC3, new Scalar(60, 60, 60, 0));
                InferencePool three = new InferencePool(3)) {
            for (int i = 0; i < 12; i++) {
                fill(image, Box.ofSize(40 + 150 * i, 60 + 70 * i, 10 + 8 * i, 10 + 8 * i));
            }
            SearchPlan plan = ScalePlanner.plan(Look.WHOLE_IMAGE, new PixelRect(0, 0, 1920, 1080),
                    SizeRange.atLeast(10), ModelGeometry.free("squares", GOOD),
                    new PlanLimits(3, 2, MP, 1000 * MP, true));
            assertTrue(plan.passes().size() >= 4, "several passes: " + plan.describe());
            List<Detection> alone = PlanRunner.run(new SquareFinder(), image, plan, 0.5, ONE_AT_A_TIME);
            SquareFinder finder = new SquareFinder();
            List<Detection> sideBySide = PlanRunner.run(finder, image, plan, 0.5, three);
            assertTrue(alone.size() >= 12, "every square found: " + alone);
            assertEquals(alone, sideBySide);
            assertEquals(plan.passes().size(), finder.scalesSeen.size(), "each pass ran once");
        }
    }

    @Test
    void oneLookAtTheImagesOwnSizeSeesOnlyTheModelsOwnRange() {
        // what the plan adds: at its own size the model sees the 100 px square only
        try (Mat image = new Mat(1080, 1920, CV_8UC3, new Scalar(60, 60, 60, 0))) {
            Box mid = Box.ofSize(400, 100, 100, 100);
            List.of(Box.ofSize(100, 100, 10, 10), mid, Box.ofSize(800, 100, 300, 300)).forEach(b -> fill(image, b));
            List<Detection> found = new SquareFinder().detect(image, 1.0, 0.5);
            assertEquals(1, found.size(), found.toString());
            assertTrue(found.get(0).box().iou(mid) > 0.95, found.toString());
        }
    }

    @Test
    void mirroredPassesComeBackWhereTheObjectIs() {
        try (Mat image = new Mat(400, 600, CV_8UC3, new Scalar(60, 60, 60, 0))) {
            Box square = new Box(450, 100, 500, 150);
            fill(image, square);
            PixelRect area = new PixelRect(300, 50, 280, 200);
            SearchPlan mirroredOnly = new SearchPlan(Look.WHOLE_IMAGE, "squares", area, SizeRange.atLeast(0),
                    SizeRange.atLeast(0), List.of(new Pass(area, 1.0, true, SizeRange.atLeast(0), 56_000)));
            List<Detection> found = PlanRunner.run(new SquareFinder(), image, mirroredOnly, 0.5, ONE_AT_A_TIME);
            assertEquals(1, found.size(), found.toString());
            assertTrue(found.get(0).box().iou(square) > 0.95, "mapped back from the mirror image: " + found);
        }
    }

    @Test
    void aPassDropsFindsAboveWhatItAnswersFor() {
        try (Mat image = new Mat(400, 600, CV_8UC3, new Scalar(60, 60, 60, 0))) {
            fill(image, new Box(100, 100, 160, 160));
            fill(image, new Box(300, 100, 320, 120));
            PixelRect whole = new PixelRect(0, 0, 600, 400);
            SearchPlan plan = new SearchPlan(Look.WHOLE_IMAGE, "squares", whole, SizeRange.atLeast(0),
                    SizeRange.atLeast(0), List.of(new Pass(whole, 2.0, false, new SizeRange(0, 40), 960_000)));
            List<Detection> found = PlanRunner.run(new SquareFinder(), image, plan, 0.5, ONE_AT_A_TIME);
            assertEquals(1, found.size(), "the 60 px square lies above this pass's 40 px: " + found);
            assertEquals(20, found.get(0).box().height(), 0.5);
        }
    }

    private static void fill(Mat image, Box b) {
        try (Point a = new Point((int) b.x1(), (int) b.y1()); Point c = new Point((int) b.x2() - 1, (int) b.y2() - 1);
                Scalar white = new Scalar(255, 255, 255, 0)) {
            rectangle(image, a, c, white, -1, 8, 0);
        }
    }

    @Test
    void looksPackedOnOneCanvasComeBackInPixelsOfTheWholeImage() {
        try (Mat image = new Mat(1080, 1920, CV_8UC3, new Scalar(60, 60, 60, 0))) {
            // three small squares (10 px: below the 40 px the whole image is searched from) far apart
            List<Box> squares = List.of(Box.ofSize(110, 120, 10, 10), Box.ofSize(1500, 300, 10, 10),
                    Box.ofSize(900, 1000, 10, 10));
            squares.forEach(b -> fill(image, b));
            List<LookRequest> looks = new ArrayList<>();
            for (Box b : squares) {
                looks.add(new LookRequest(Look.TEXT_IN_VEHICLE, new PixelRect((int) b.x1() - 40, (int) b.y1() - 30, 90,
                        70), 8));
            }
            ModelGeometry geometry = ModelGeometry.free("squares", GOOD);
            JointPlan plan = JointPlanner.plan(new PixelRect(0, 0, 1920, 1080), SizeRange.atLeast(40), looks, geometry,
                    new PlanLimits(4, 2, 4 * MP, 4 * MP, false), 4 * MP, 0.5, new JointPlanner.Packing(true, 16, MP, 32));
            assertEquals(1, plan.packed().size(), "one canvas for the three looks: " + plan.packed());
            SquareFinder finder = new SquareFinder();
            List<Detection> found = PlanRunner.run(finder, image, plan, 0.5, 0, ModelDescriptor.Shrink.AREA, ONE_AT_A_TIME);
            for (Box b : squares) {
                assertTrue(found.stream().anyMatch(d -> d.box().iou(b) > 0.6), "found " + b + " in " + found);
            }
            assertEquals(plan.inferences(), finder.scalesSeen.size(), "one inference per canvas and whole pass");
        }
    }

    /**
     * Like {@link SquareFinder}, and nominates the squares just below its good range (half its smallest good height
     * and up), as a text model's probability map shows text too small to be a find.
     */
    static final class FaintSquareFinder implements Detector {
        final SquareFinder finder = new SquareFinder();

        @Override
        public List<Detection> detect(Mat bgr, double scale, double minScore) {
            return finder.detect(bgr, scale, minScore);
        }

        @Override
        public Probed probe(Mat bgr, double scale, double minScore, double nominateThreshold) {
            List<Detection> found = detect(bgr, scale, minScore);
            List<Box> nominated = new ArrayList<>();
            try (Mat grey = new Mat(); Mat mask = new Mat(); MatVector contours = new MatVector();
                    Mat hierarchy = new Mat()) {
                cvtColor(bgr, grey, COLOR_BGR2GRAY);
                threshold(grey, mask, 200, 255, THRESH_BINARY);
                findContours(mask, contours, hierarchy, RETR_EXTERNAL, CHAIN_APPROX_SIMPLE);
                for (long i = 0; i < contours.size(); i++) {
                    try (Mat c = contours.get(i); Rect r = boundingRect(c)) {
                        double seen = r.height() * scale;
                        if (nominateThreshold > 0 && seen >= GOOD.min() / 2 && seen < GOOD.min()) {
                            nominated.add(new Box(r.x(), r.y(), r.x() + r.width(), r.y() + r.height()));
                        }
                    }
                }
            }
            return new Probed(found, nominated);
        }

        @Override
        public ModelDescriptor model() {
            throw new UnsupportedOperationException("a fake has no descriptor");
        }
    }

    /**
     * The guided finest scale: the coarser passes (in tiles) nominate the squares too small for them, in pixels of the
     * whole image, and the finest scale searched only there finds every one of them, at a fraction of its input.
     */
    @Test
    void theFinestScaleSearchedWhereTheProbeNominatedFindsTheSmallSquares() {
        try (Mat image = new Mat(1080, 1920, CV_8UC3, new Scalar(60, 60, 60, 0))) {
            List<Box> small = List.of(Box.ofSize(100, 100, 10, 10), Box.ofSize(1500, 200, 12, 12),
                    Box.ofSize(960, 530, 11, 11), Box.ofSize(300, 1000, 13, 13), Box.ofSize(1880, 1040, 10, 10));
            small.forEach(b -> fill(image, b));
            fill(image, Box.ofSize(600, 300, 120, 120));
            SearchPlan plan = ScalePlanner.plan(Look.WHOLE_IMAGE, new PixelRect(0, 0, 1920, 1080),
                    SizeRange.atLeast(10), ModelGeometry.free("squares", GOOD),
                    new PlanLimits(3, 2, MP / 2, 1000 * MP, false));
            GuidedFinePass.Split split = GuidedFinePass.split(plan, new GuidedFinePass.Guide(2, 1, 64)).orElseThrow();
            assertTrue(split.probe().size() > plan.scales().size() - 1, "the probe runs in tiles: " + plan.describe());
            FaintSquareFinder finder = new FaintSquareFinder();
            List<Detection> found = new ArrayList<>();
            List<Box> nominated = new ArrayList<>();
            for (Probed p : ONE_AT_A_TIME.run(PlanRunner.probeInputs(finder, image, split.probe(), 0.5, 0.1))) {
                found.addAll(p.found());
                nominated.addAll(p.nominated());
            }
            for (Box sq : small) {
                assertTrue(found.stream().noneMatch(d -> d.box().iou(sq) > 0.5), "too small for the probe: " + sq);
                assertTrue(nominated.stream().anyMatch(n -> n.iou(sq) > 0.8), "nominated in image pixels: " + sq
                        + " among " + nominated);
            }
            GuidedFinePass.Guided guided = GuidedFinePass.plan(split, nominated, new GuidedFinePass.Guide(2, 1, 64),
                    MP / 2, new JointPlanner.Packing(true, 16, MP / 2, 32)).orElseThrow();
            assertTrue(guided.inputPixels() < split.finePixels() / 10, guided.inputPixels() + " of "
                    + split.finePixels());
            found.addAll(PlanRunner.run(finder, image, guided.asJointPlan(MP), 0.5, 0, ModelDescriptor.Shrink.AREA,
                    ONE_AT_A_TIME));
            for (Box sq : small) {
                assertTrue(found.stream().anyMatch(d -> d.box().iou(sq) > 0.8), "found where nominated: " + sq);
            }
            assertTrue(found.stream().anyMatch(d -> d.box().iou(Box.ofSize(600, 300, 120, 120)) > 0.8),
                    "the large square is the probe's find");
        }
    }
}
