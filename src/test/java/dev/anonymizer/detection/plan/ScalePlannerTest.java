package dev.anonymizer.detection.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.anonymizer.region.PixelRect;

/** The planner's promises, checked on the arithmetic alone (no model runs). */
class ScalePlannerTest {

    /** A face model like YuNet: any input size, faces of 14-200 input pixels. */
    private static final ModelGeometry FACES = ModelGeometry.free("faces", new SizeRange(14, 200));
    /** A text model like PP-OCR det: any input size, plates of 32-512 input pixels. */
    private static final ModelGeometry TEXT = ModelGeometry.free("text", new SizeRange(32, 512));
    /** An object model like NanoDet: a fixed 416 x 416 input, objects of 16-416 input pixels. */
    private static final ModelGeometry OBJECTS = ModelGeometry.fixed("objects", 416, 416, new SizeRange(16, 416));

    private static final long MP = 1_000_000;
    private static final PlanLimits GENEROUS = new PlanLimits(3, 2, 4 * MP, 1000 * MP, false);

    @ParameterizedTest(name = "{0}x{1}, objects from {2} px")
    @CsvSource({"400,225,10", "640,480,10", "1024,768,10", "1920,1080,10", "4000,3000,10", "1024,768,40", "120,90,10"})
    void everyWantedSizeLiesInTheGoodRangeOfSomePass(int w, int h, double min) {
        for (ModelGeometry model : List.of(FACES, TEXT, OBJECTS)) {
            SearchPlan plan = ScalePlanner.plan(Look.WHOLE_IMAGE, new PixelRect(0, 0, w, h), SizeRange.atLeast(min),
                    model, GENEROUS);
            double floor = plan.covered().min();
            for (double size = floor; size <= h; size *= 1.07) {
                double s = size;
                assertTrue(plan.passes().stream().anyMatch(p -> p.answersFor(s)
                                && s * p.scale() >= model.goodSizes().min() - 1e-6
                                && s * p.scale() <= model.goodSizes().max() + 1e-6),
                        model.model() + " " + w + "x" + h + ": no pass sees " + s + " px in its good range: "
                                + plan.describe());
            }
        }
    }

    @Test
    void smallPhotosAreEnlargedUntilTheSmallestObjectsReachTheModelsRange() {
        SearchPlan plan = ScalePlanner.plan(Look.WHOLE_IMAGE, new PixelRect(0, 0, 400, 225), SizeRange.atLeast(14),
                TEXT, GENEROUS);
        assertEquals(32 / 14.0, plan.scales().get(0), 1e-9, "a 14 px plate needs 32 input pixels: " + plan.describe());
        assertTrue(plan.complete(), plan.describe());
        assertEquals(14, plan.covered().min(), 1e-9);
        plan = ScalePlanner.plan(Look.WHOLE_IMAGE, new PixelRect(0, 0, 400, 225), SizeRange.atLeast(10), TEXT,
                GENEROUS);
        assertEquals(3.0, plan.scales().get(0), 1e-9, "a 10 px plate needs 32 input pixels, 3x is the limit: "
                + plan.describe());
        assertEquals(32 / 3.0, plan.covered().min(), 1e-9);
    }

    @Test
    void enlargingStopsAtTheUpscaleLimitAndThePlanSaysWhatItMisses() {
        SearchPlan plan = ScalePlanner.plan(Look.WHOLE_IMAGE, new PixelRect(0, 0, 400, 225), SizeRange.atLeast(5),
                TEXT, GENEROUS);
        assertEquals(3.0, plan.scales().get(0), 1e-9);
        assertEquals(32 / 3.0, plan.covered().min(), 1e-9, "32 input pixels at 3x");
        assertFalse(plan.complete());
    }

    @Test
    void largePhotosAreSearchedFromCoarseToFineWithOneScalePerStep() {
        SearchPlan plan = ScalePlanner.plan(Look.WHOLE_IMAGE, new PixelRect(0, 0, 1920, 1080), SizeRange.atLeast(10),
                FACES, GENEROUS);
        List<Double> scales = plan.scales();
        assertEquals(1.4, scales.get(0), 1e-9, "finest: a 10 px face at 14 input pixels");
        for (int i = 1; i < scales.size(); i++) {
            assertTrue(scales.get(i - 1) / scales.get(i) <= 2 + 1e-9, "neighbouring scales at most 2x apart: " + scales);
        }
        double coarsest = scales.get(scales.size() - 1);
        assertTrue(1080 * coarsest <= 200 + 1e-9, "the tallest face fits the coarsest pass: " + scales);
    }

    @Test
    void aScaleOverThePerPassLimitIsTiledWithOverlapForItsLargestObjects() {
        PlanLimits limits = new PlanLimits(3, 2, 2 * MP, 1000 * MP, false);
        SearchPlan plan = ScalePlanner.plan(Look.WHOLE_IMAGE, new PixelRect(0, 0, 1920, 1080), SizeRange.atLeast(10),
                FACES, limits);
        List<Pass> finest = plan.passes().stream().filter(p -> p.scale() == plan.scales().get(0)).toList();
        assertTrue(finest.size() > 1, "1.4x of 1920x1080 is 4 MP: tiled: " + plan.describe());
        for (Pass p : finest) {
            assertTrue(p.inputPixels() <= 2 * MP, "each tile within the limit: " + p);
        }
        // every object the pass answers for, wherever it lies, fits whole into one of its tiles
        double largest = finest.get(0).answers().max();
        for (int x = 0; x + largest <= 1920; x += 37) {
            for (int y = 0; y + largest <= 1080; y += 41) {
                int ox = x;
                int oy = y;
                assertTrue(finest.stream().anyMatch(p -> contains(p.area(), ox, oy, largest)),
                        "an object of " + largest + " px at " + x + "," + y + " lies whole in a tile");
            }
        }
    }

    @Test
    void aPlanOverItsBudgetRaisesItsFloorAndStaysWithinTheBudget() {
        PlanLimits tight = new PlanLimits(3, 2, 4 * MP, 2 * MP, true);
        SearchPlan plan = ScalePlanner.plan(Look.WHOLE_IMAGE, new PixelRect(0, 0, 1920, 1080), SizeRange.atLeast(10),
                FACES, tight);
        assertTrue(plan.inputPixels() <= 2 * MP, plan.describe());
        assertFalse(plan.complete(), plan.describe());
        assertTrue(plan.covered().min() > 10, plan.describe());
        // and still reaches the tallest faces
        double coarsest = plan.scales().get(plan.scales().size() - 1);
        assertTrue(1080 * coarsest <= 200 + 1e-9, plan.describe());
    }

    @Test
    void mirroredPassesComeInPairs() {
        PlanLimits mirror = new PlanLimits(3, 2, 4 * MP, 1000 * MP, true);
        SearchPlan plan = ScalePlanner.plan(Look.WHOLE_IMAGE, new PixelRect(0, 0, 1024, 768), SizeRange.atLeast(10),
                FACES, mirror);
        assertEquals(plan.passes().size(), 2 * plan.passes().stream().filter(p -> !p.mirrored()).count());
    }

    @Test
    void onlyTheCoarsestPassAnswersForTheTallestObjects() {
        SearchPlan plan = ScalePlanner.plan(Look.WHOLE_IMAGE, new PixelRect(0, 0, 1024, 768), SizeRange.atLeast(10),
                FACES, GENEROUS);
        double coarsest = plan.scales().get(plan.scales().size() - 1);
        for (Pass p : plan.passes()) {
            if (p.scale() == coarsest) {
                assertTrue(p.answers().open(), p.toString());
            } else {
                assertEquals(200 / p.scale(), p.answers().max(), 1e-9, "finer passes stop at their good range");
            }
        }
    }

    @Test
    void aFixedInputModelSeesTheWholeImageThenTilesOfItsInputForSmallerObjects() {
        SearchPlan plan = ScalePlanner.plan(Look.WHOLE_IMAGE, new PixelRect(0, 0, 1920, 1080), SizeRange.atLeast(32),
                OBJECTS, GENEROUS);
        Pass whole = plan.passes().get(0);
        assertEquals(new PixelRect(0, 0, 1920, 1080), whole.area());
        assertEquals(416.0 / 1920, whole.scale(), 1e-9);
        assertEquals(0.5, plan.scales().get(0), 1e-9, "32 px objects need 16 input pixels");
        plan.passes().stream().filter(p -> p.scale() == 0.5)
                .forEach(p -> assertEquals(832, Math.max(p.area().width(), p.area().height()), "a 416 tile at 0.5x"));
        assertTrue(plan.complete());
    }

    @Test
    void aCropIsPlannedInItsOwnArea() {
        PixelRect crop = new PixelRect(300, 200, 400, 150);
        SearchPlan plan = ScalePlanner.plan(Look.TEXT_IN_VEHICLE, crop, new SizeRange(16, 150), TEXT, GENEROUS);
        assertTrue(plan.passes().stream().allMatch(p -> p.area().equals(crop)), plan.describe());
        assertEquals(2.0, plan.scales().get(0), 1e-9);
    }

    @Test
    void areasTooSmallToHoldAnythingAreNotSearched() {
        assertTrue(ScalePlanner.plan(Look.TEXT_IN_VEHICLE, new PixelRect(5, 5, 6, 40), SizeRange.atLeast(10), TEXT, GENEROUS)
                .passes().isEmpty());
    }

    private static boolean contains(PixelRect r, double x, double y, double side) {
        return x >= r.x() && y >= r.y() && x + side <= r.x() + r.width() && y + side <= r.y() + r.height();
    }
}
