package dev.anonymizer.detection.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.anonymizer.region.PixelRect;

/** The joint planner's promises (issue 17), checked on the arithmetic alone: merging, skipping, packing, budget. */
class JointPlannerTest {

    /** A text model like PP-OCR det: any input size, plates of 32-512 input pixels. */
    private static final ModelGeometry TEXT = ModelGeometry.free("text", new SizeRange(32, 512));
    private static final long MP = 1_000_000;
    private static final PlanLimits LIMITS = new PlanLimits(4, 2, 4 * MP, 4 * MP, false);
    private static final JointPlanner.Packing PACK = new JointPlanner.Packing(true, 16, MP, 32);
    private static final PixelRect FULL_HD = new PixelRect(0, 0, 1920, 1080);
    private static final SizeRange TEN_UP = SizeRange.atLeast(10);

    private static LookRequest vehicle(int x, int y, int w, int h, double wanted) {
        return new LookRequest(Look.TEXT_IN_VEHICLE, new PixelRect(x, y, w, h), wanted);
    }

    @Test
    void lookAreasThatOverlapAreSearchedAsOneCrop() {
        List<LookRequest> two = List.of(vehicle(100, 600, 400, 300, 12), vehicle(350, 650, 400, 300, 12));
        JointPlan plan = JointPlanner.plan(FULL_HD, TEN_UP, two, TEXT, LIMITS, 6 * MP, 0.3, PACK);
        assertEquals(1, plan.looks().size(), "one merged look: " + plan.looks());
        assertEquals(new PixelRect(100, 600, 650, 350), plan.looks().get(0).area());
        assertEquals(12, plan.looks().get(0).wanted().min(), 1e-9);
    }

    @Test
    void lookAreasFarApartStaySeparate() {
        List<LookRequest> two = List.of(vehicle(0, 0, 200, 150, 12), vehicle(1500, 800, 200, 150, 12));
        JointPlan plan = JointPlanner.plan(FULL_HD, TEN_UP, two, TEXT, LIMITS, 6 * MP, 0.3, PACK);
        assertEquals(2, plan.looks().size());
    }

    @Test
    void touchingAreasAreNotMergedWhenOneCropWouldCostMore() {
        // an L shape: the union is mostly empty corner, at the finer scale of the two
        List<LookRequest> two = List.of(vehicle(0, 0, 1000, 50, 10), vehicle(950, 0, 50, 1000, 10));
        JointPlan plan = JointPlanner.plan(FULL_HD, TEN_UP, two, TEXT, LIMITS, 6 * MP, 0.3, PACK);
        assertEquals(2, plan.looks().size(), plan.looks().toString());
    }

    @Test
    void whatTheWholeImageCoversIsNotSearchedAgain() {
        // a small photo: the whole-image plan reaches 10 px plates, so no look is needed, however many vehicles
        PixelRect small = new PixelRect(0, 0, 400, 300);
        List<LookRequest> requests = List.of(vehicle(10, 10, 200, 150, 10), vehicle(200, 150, 190, 140, 12));
        JointPlan plan = JointPlanner.plan(small, TEN_UP, requests, TEXT, LIMITS, 3 * MP, 0.5, PACK);
        assertTrue(plan.whole().complete(), plan.whole().describe());
        assertTrue(plan.looks().isEmpty(), plan.looks().toString());
        assertTrue(plan.uncovered().isEmpty());
    }

    @Test
    void aLookSearchesOnlyTheHeightsTheWholeImageMisses() {
        JointPlan plan = JointPlanner.plan(FULL_HD, TEN_UP, List.of(vehicle(800, 500, 400, 300, 12)), TEXT, LIMITS,
                2 * MP, 0.5, PACK);
        double reach = plan.whole().covered().min();
        assertTrue(reach > 12, "the whole image does not reach 12 px plates at 2 MP: " + plan.whole().describe());
        SearchPlan look = plan.looks().get(0);
        assertEquals(reach, look.wanted().max(), 1e-9, "up to where the whole image takes over");
        assertEquals(1, look.passes().size(), "one scale covers 12 px to the whole image's floor: " + look.describe());
        assertEquals(32 / 12.0, look.passes().get(0).scale(), 1e-9);
    }

    @Test
    void smallLooksArePackedIntoOneInputWithGapsBetweenThem() {
        List<LookRequest> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            requests.add(vehicle(i * 300, 900, 120, 80, 12));
        }
        JointPlan plan = JointPlanner.plan(FULL_HD, TEN_UP, requests, TEXT, LIMITS, 6 * MP, 0.3, PACK);
        assertEquals(6, plan.looks().size());
        assertEquals(1, plan.packed().size(), "one canvas: " + plan.packed());
        assertTrue(plan.alone().isEmpty());
        Canvas c = plan.packed().get(0);
        assertEquals(6, c.slots().size());
        assertEquals(0, c.width() % 32);
        assertEquals(0, c.height() % 32);
        assertTrue(c.inputPixels() <= MP);
        for (int i = 0; i < c.slots().size(); i++) {
            Canvas.Slot a = c.slots().get(i);
            assertTrue(a.x() + a.width() <= c.width() && a.y() + a.height() <= c.height(), "inside the canvas");
            assertEquals(Math.round(a.area().width() * a.pass().scale()), a.width());
            for (int j = i + 1; j < c.slots().size(); j++) {
                Canvas.Slot b = c.slots().get(j);
                boolean apart = a.x() + a.width() + 16 <= b.x() || b.x() + b.width() + 16 <= a.x()
                        || a.y() + a.height() + 16 <= b.y() || b.y() + b.height() + 16 <= a.y();
                assertTrue(apart, "slots " + a + " and " + b + " keep a 16 px gap");
            }
        }
        assertEquals(1 + plan.whole().passes().size(), plan.inferences(), "whole-image passes and one canvas");
    }

    @Test
    void withoutPackingEveryLookPassRunsAlone() {
        List<LookRequest> requests = List.of(vehicle(0, 900, 120, 80, 12), vehicle(900, 900, 120, 80, 12));
        JointPlan plan = JointPlanner.plan(FULL_HD, TEN_UP, requests, TEXT, LIMITS, 6 * MP, 0.3,
                JointPlanner.Packing.none());
        assertTrue(plan.packed().isEmpty());
        assertEquals(2, plan.alone().size());
    }

    @Test
    void aLookTooLargeForACanvasRunsAlone() {
        List<LookRequest> requests = List.of(vehicle(0, 0, 500, 400, 12), vehicle(1500, 900, 100, 60, 12));
        JointPlan plan = JointPlanner.plan(FULL_HD, TEN_UP, requests, TEXT, LIMITS, 8 * MP, 0.3, PACK);
        assertTrue(plan.alone().stream().anyMatch(p -> p.area().width() == 500), plan.alone().toString());
    }

    @Test
    void aStreetOfParkedCarsStaysInsideTheBudgetAndSaysWhatItLeft() {
        // 30 parked cars, each asking for 10 px plates: far more than a 2 MP budget holds
        List<LookRequest> street = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            street.add(vehicle((i % 10) * 190, 400 + (i / 10) * 200, 150, 100, 10 + i % 3));
        }
        long budget = 2 * MP;
        JointPlan plan = JointPlanner.plan(FULL_HD, TEN_UP, street, TEXT, LIMITS, budget, 0.5, PACK);
        long planned = plan.whole().inputPixels()
                + plan.looks().stream().mapToLong(SearchPlan::inputPixels).sum();
        assertTrue(planned <= budget, "planned " + planned + " of " + budget);
        assertTrue(plan.whole().inputPixels() >= budget / 2 * 0.9, "the whole image keeps about half");
        assertFalse(plan.uncovered().isEmpty(), "the budget left smaller plates uncovered and says so");
        // every look is searched down to one common height: none is skipped while another gets closer
        double common = plan.looks().stream().mapToDouble(l -> l.covered().min()).max().orElseThrow();
        for (SearchPlan l : plan.looks()) {
            assertTrue(l.covered().min() <= common + 1e-6);
            assertTrue(l.covered().min() >= Math.min(common, l.wanted().min()) - 1e-6);
        }
        for (Uncovered u : plan.uncovered()) {
            assertTrue(u.coveredMin() > u.wantedMin(), u.toString());
        }
        assertTrue(plan.spentPixels() <= budget * 1.15, "packing gaps add little: " + plan.spentPixels());
    }

    @Test
    void theWholeImageGivesWayToLooksDownToItsShare() {
        List<LookRequest> requests = List.of(vehicle(100, 500, 600, 400, 12), vehicle(1100, 500, 600, 400, 12));
        JointPlan alone = JointPlanner.plan(FULL_HD, TEN_UP, List.of(), TEXT, LIMITS, 2 * MP, 0.5, PACK);
        JointPlan shared = JointPlanner.plan(FULL_HD, TEN_UP, requests, TEXT, LIMITS, 2 * MP, 0.5, PACK);
        assertTrue(shared.whole().inputPixels() < alone.whole().inputPixels(), "the whole image gave way");
        assertTrue(shared.whole().inputPixels() >= MP * 0.9, "but kept about half of the budget");
    }

    @Test
    void aCarFillingTheFrameLeavesItsShareToTheWholeImage() {
        // the car's look, context included, is the whole photo: searching it apart would only thin the whole image
        PixelRect hd = new PixelRect(0, 0, 1280, 720);
        JointPlan plan = JointPlanner.plan(hd, TEN_UP, List.of(vehicle(0, 0, 1280, 720, 18)), TEXT, LIMITS,
                1_700_000, 0.5, PACK);
        JointPlan none = JointPlanner.plan(hd, TEN_UP, List.of(), TEXT, LIMITS, 1_700_000, 0.5, PACK);
        assertEquals(none.whole().inputPixels(), plan.whole().inputPixels(), plan.whole().describe());
        assertTrue(plan.spentPixels() <= 1_700_000);
    }

    @Test
    void withoutLooksOnlyTheWholeImageShareIsSpent() {
        JointPlan plan = JointPlanner.plan(FULL_HD, TEN_UP, List.of(), TEXT, LIMITS, 4 * MP, 2 * MP, 0.3, PACK);
        assertTrue(plan.spentPixels() <= 2 * MP, "a photo without vehicles costs its whole-image search only: "
                + plan.spentPixels());
        JointPlan withCars = JointPlanner.plan(FULL_HD, TEN_UP, List.of(vehicle(100, 600, 300, 200, 10),
                vehicle(1200, 600, 300, 200, 10)), TEXT, LIMITS, 4 * MP, 2 * MP, 0.3, PACK);
        assertTrue(withCars.spentPixels() > 2 * MP, "looks spend the rest: " + withCars.spentPixels());
        assertTrue(withCars.whole().inputPixels() <= 2 * MP);
    }

    @Test
    void theImageBudgetFollowsThePhotosPixelsBetweenItsBounds() {
        ImageBudget b = new ImageBudget(0.75, (long) (1.7 * MP), 6 * MP);
        assertEquals(1_700_000, b.pixels(400, 300), "a small photo gets the floor");
        assertEquals(Math.round(0.75 * 2560 * 1440), b.pixels(2560, 1440));
        assertEquals(6 * MP, b.pixels(8000, 6000), "a huge photo gets the cap");
        assertThrows(IllegalArgumentException.class, () -> new ImageBudget(0, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new ImageBudget(1, 3, 2));
    }
}
