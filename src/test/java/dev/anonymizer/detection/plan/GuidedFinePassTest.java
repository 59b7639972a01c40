package dev.anonymizer.detection.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.anonymizer.region.Box;
import dev.anonymizer.region.PixelRect;

/** The guided finest scale on the arithmetic alone: which plans are split, where the finest scale looks, its cost. */
class GuidedFinePassTest {

    /** A text model like PP-OCR det: any input size, text of 32-512 input pixels. */
    private static final ModelGeometry TEXT = ModelGeometry.free("text", new SizeRange(32, 512));
    private static final long MP = 1_000_000;
    private static final PlanLimits LIMITS = new PlanLimits(4, 2, MP, 2 * MP, false);
    private static final JointPlanner.Packing PACK = new JointPlanner.Packing(true, 16, MP, 32);
    private static final GuidedFinePass.Guide GUIDE = new GuidedFinePass.Guide(2, 1, 64);
    private static final PixelRect FULL_HD = new PixelRect(0, 0, 1920, 1080);

    private static SearchPlan whole(PixelRect image, PlanLimits limits) {
        return ScalePlanner.plan(Look.WHOLE_IMAGE, image, SizeRange.atLeast(10), TEXT, limits);
    }

    private static GuidedFinePass.Split split(SearchPlan plan) {
        return GuidedFinePass.split(plan, GUIDE).orElseThrow(() -> new AssertionError("not split: " + plan.describe()));
    }

    @Test
    void theFinestScaleIsSplitFromTheCoarserPassesThatNominate() {
        SearchPlan plan = whole(FULL_HD, LIMITS);
        GuidedFinePass.Split s = split(plan);
        double finest = plan.scales().get(0);
        assertEquals(finest, s.scale(), 1e-12);
        assertTrue(s.fine().stream().allMatch(p -> p.scale() == finest));
        assertTrue(s.probe().stream().allMatch(p -> p.scale() < finest));
        assertEquals(plan.passes().size(), s.fine().size() + s.probe().size());
        // the probe covers from the height its own finest scale reaches: twice the plan's, one octave coarser
        double probeFinest = s.probe().stream().mapToDouble(Pass::scale).max().orElseThrow();
        assertEquals(plan.covered().min() * finest / probeFinest, s.probePlan().covered().min(), 1e-9);
        assertFalse(s.probePlan().complete(), "the probe alone is short of the wanted height");
        assertTrue(s.finePixels() > plan.inputPixels() / 2, "the finest scale is most of the plan's input: "
                + s.finePixels() + " of " + plan.inputPixels());
    }

    @Test
    void aPlanOfOneScaleOrAStronglyEnlargedFinestScaleRunsWhole() {
        // a 400 px photo searched for 10 px plates is enlarged 3.2x: its smallest plates do not show at half that
        SearchPlan enlarged = whole(new PixelRect(0, 0, 400, 300), LIMITS);
        assertTrue(enlarged.scales().get(0) > GUIDE.maxScale(), enlarged.describe());
        assertTrue(GuidedFinePass.split(enlarged, GUIDE).isEmpty());
        // a plan whose one scale covers everything wanted has nothing coarser to nominate
        SearchPlan single = ScalePlanner.plan(Look.WHOLE_IMAGE, new PixelRect(0, 0, 600, 400), SizeRange.atLeast(100),
                TEXT, LIMITS);
        assertEquals(1, single.scales().size(), single.describe());
        assertTrue(GuidedFinePass.split(single, GUIDE).isEmpty());
        // mirrored passes are not split
        SearchPlan mirrored = whole(FULL_HD, new PlanLimits(4, 2, MP, 2 * MP, true));
        assertTrue(GuidedFinePass.split(mirrored, GUIDE).isEmpty());
    }

    @Test
    void aNominationIsSearchedWithContextAndAtLeastTheSmallestInput() {
        double scale = 0.5;
        // a blob 20 px tall: 20 px of context on every side, then grown to 64 input px (128 image px) tall
        List<PixelRect> areas = GuidedFinePass.areas(FULL_HD, List.of(new Box(500, 500, 700, 520)), 1000, scale, GUIDE)
                .orElseThrow();
        assertEquals(1, areas.size());
        PixelRect a = areas.get(0);
        assertEquals(480, a.x());
        assertEquals(240, a.width());
        assertEquals(128, a.height(), 1);
        assertEquals(510, a.y() + a.height() / 2.0, 1, "centred on the blob");
        // a dot grows to the smallest input: 64 input px at 0.5 are 128 image px
        List<PixelRect> dot = GuidedFinePass.areas(FULL_HD, List.of(new Box(1000, 500, 1002, 502)), 1000, scale, GUIDE)
                .orElseThrow();
        assertEquals(1, dot.size());
        assertTrue(dot.get(0).width() >= 127 && dot.get(0).height() >= 127, dot.toString());
        // at the image's edge the area stays inside
        List<PixelRect> corner = GuidedFinePass.areas(FULL_HD, List.of(new Box(0, 0, 10, 10)), 1000, scale, GUIDE)
                .orElseThrow();
        assertEquals(0, corner.get(0).x());
        assertEquals(0, corner.get(0).y());
    }

    @Test
    void overlappingNominationsBecomeOneAreaAndDistantOnesStaySeparate() {
        List<Box> near = List.of(new Box(500, 500, 600, 530), new Box(580, 505, 700, 535));
        assertEquals(1, GuidedFinePass.areas(FULL_HD, near, 1000, 1, GUIDE).orElseThrow().size());
        List<Box> far = List.of(new Box(100, 100, 200, 130), new Box(1500, 900, 1600, 930));
        assertEquals(2, GuidedFinePass.areas(FULL_HD, far, 1000, 1, GUIDE).orElseThrow().size());
    }

    @Test
    void nominationsTallerThanTheFinestScaleAnswersForAskForNothing() {
        List<Box> tall = List.of(new Box(100, 100, 900, 700));
        assertTrue(GuidedFinePass.areas(FULL_HD, tall, 300, 1, GUIDE).orElseThrow().isEmpty());
    }

    @Test
    void aFewNominationsCostAFractionOfTheFinestScalePackedIntoOneInput() {
        GuidedFinePass.Split s = split(whole(FULL_HD, LIMITS));
        List<Box> blobs = List.of(new Box(100, 900, 160, 915), new Box(900, 300, 980, 320), new Box(1500, 700, 1540,
                712), new Box(300, 100, 340, 110));
        GuidedFinePass.Guided g = GuidedFinePass.plan(s, blobs, GUIDE, MP, PACK).orElseThrow();
        assertEquals(4, g.plan().passes().size(), g.plan().describe());
        assertEquals(Look.WHERE_SEEN, g.plan().look());
        assertTrue(g.plan().passes().stream().allMatch(p -> p.scale() == s.scale()));
        assertEquals(1, g.inferences(), "four small areas on one canvas");
        assertTrue(g.inputPixels() < s.finePixels() / 4, g.inputPixels() + " of " + s.finePixels());
        assertEquals(s.finePixels(), g.wholeScalePixels());
        JointPlan asPlan = g.asJointPlan(3 * MP);
        assertEquals(g.inputPixels(), asPlan.spentPixels());
        assertTrue(asPlan.whole().passes().isEmpty());
    }

    @Test
    void nominationsEverywhereLeaveTheFinestScaleToRunAsPlanned() {
        GuidedFinePass.Split s = split(whole(FULL_HD, LIMITS));
        List<Box> everywhere = new java.util.ArrayList<>();
        for (int y = 0; y < 1080; y += 60) {
            for (int x = 0; x < 1920; x += 90) {
                everywhere.add(new Box(x, y, x + 40, y + 12));
            }
        }
        assertEquals(Optional.empty(), GuidedFinePass.plan(s, everywhere, GUIDE, MP, PACK));
        // and so does an area larger than one inference may be
        List<Box> sign = List.of(new Box(0, 0, 1900, 300));
        GuidedFinePass.Split coarse = split(whole(FULL_HD, new PlanLimits(4, 2, MP, 4 * MP, false)));
        assertEquals(Optional.empty(), GuidedFinePass.plan(coarse, sign, new GuidedFinePass.Guide(2, 0, 64),
                MP / 10, PACK));
    }

    /** Thousands of small blobs that merge one at a time cost seconds to merge: the scale runs whole instead. */
    @Test
    void nominationsTooManyToMergeLeaveTheFinestScaleToRunAsPlanned() {
        List<Box> blobs = new java.util.ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            double x = (i % 60) * 32;
            double y = (i / 60) * 20 % 1060;
            blobs.add(new Box(x, y, x + 4, y + 4));
        }
        assertTrue(GuidedFinePass.areas(FULL_HD, blobs, 1000, 1, new GuidedFinePass.Guide(2, 1, 8)).isEmpty());
        GuidedFinePass.Split s = split(whole(FULL_HD, LIMITS));
        assertEquals(Optional.empty(), GuidedFinePass.plan(s, blobs, new GuidedFinePass.Guide(2, 1, 8), MP, PACK));
    }

    @Test
    void noNominationCostsNothing() {
        GuidedFinePass.Split s = split(whole(FULL_HD, LIMITS));
        GuidedFinePass.Guided g = GuidedFinePass.plan(s, List.of(), GUIDE, MP, PACK).orElseThrow();
        assertEquals(0, g.inputPixels());
        assertEquals(0, g.inferences());
    }
}
