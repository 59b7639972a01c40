package dev.anonymizer.region;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Pure geometry: IoU, padding, clamping, suppression, tiling. */
class BoxAndRegionsTest {

    @Test
    void iouOfIdenticalDisjointAndHalfOverlappingBoxes() {
        Box a = new Box(0, 0, 10, 10);
        assertEquals(1.0, a.iou(a), 1e-9);
        assertEquals(0.0, a.iou(new Box(10, 0, 20, 10)), 1e-9, "touching edges do not overlap");
        assertEquals(50.0 / 150.0, a.iou(new Box(5, 0, 15, 10)), 1e-9);
        assertEquals(0.5, a.coveredBy(new Box(5, 0, 15, 10)), 1e-9);
    }

    @Test
    void paddingGrowsEachSideByAFractionOfTheSize() {
        Box plate = new Box(100, 50, 200, 70).pad(0.15, 0.35);
        assertEquals(new Box(85, 43, 215, 77), plate);
    }

    @Test
    void clampCutsToTheImageAndMayLeaveNothing() {
        assertEquals(new Box(0, 0, 5, 8), new Box(-3, -2, 5, 8).clamp(100, 100));
        assertEquals(0.0, new Box(120, 10, 130, 20).clamp(100, 100).area(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> new Box(5, 5, 4, 6));
    }

    @Test
    void toPixelsCoversTheWholeBox() {
        PixelRect r = new Box(1.2, 2.7, 3.1, 4.0).toPixels();
        assertEquals(new PixelRect(1, 2, 3, 2), r);
    }

    @Test
    void suppressKeepsBestPerCategoryAndDropsContainedDuplicates() {
        Region best = new Region(Category.FACE, "face", 0.9, new Box(0, 0, 10, 10), "m");
        Region overlap = new Region(Category.FACE, "face", 0.8, new Box(1, 1, 11, 11), "m");
        Region inside = new Region(Category.FACE, "face", 0.7, new Box(2, 2, 6, 6), "m");
        Region otherCategory = new Region(Category.TEXT, "text", 0.5, new Box(0, 0, 10, 10), "m");
        Region elsewhere = new Region(Category.FACE, "face", 0.6, new Box(50, 50, 60, 60), "m");
        List<Region> kept = Regions.suppress(List.of(overlap, inside, best, otherCategory, elsewhere), 0.5);
        assertEquals(3, kept.size(), "best face, the far face and the text: " + kept);
        assertTrue(kept.contains(best) && kept.contains(elsewhere) && kept.contains(otherCategory));
    }

    @Test
    void padAndClampDropsRegionsOutsideTheImage() {
        Region r = new Region(Category.TEXT, "text", 1, new Box(90, 10, 100, 20), "m");
        Region outside = new Region(Category.TEXT, "text", 1, new Box(200, 10, 210, 20), "m");
        List<Region> out = Regions.padAndClamp(List.of(r, outside), Map.of(Category.TEXT, new double[] {0.5, 0}), 100, 100);
        assertEquals(List.of(r.withBox(new Box(85, 10, 100, 20))), out);
    }

    @Test
    void tilesCoverEveryPixelWithOverlapAndStayInside() {
        int w = 4000;
        int h = 3000;
        List<PixelRect> tiles = Tiles.grid(w, h, 960, 960, 192);
        boolean[] covered = new boolean[w * h / 100];
        for (PixelRect t : tiles) {
            assertTrue(t.x() >= 0 && t.y() >= 0 && t.x() + t.width() <= w && t.y() + t.height() <= h, t.toString());
            for (int y = t.y(); y < t.y() + t.height(); y += 10) {
                for (int x = t.x(); x < t.x() + t.width(); x += 10) {
                    covered[(y / 10) * (w / 10) + x / 10] = true;
                }
            }
        }
        for (boolean c : covered) {
            assertTrue(c, "every pixel block covered");
        }
        assertEquals(5 * 4, tiles.size(), "stride 768, last tile aligned to the edge: 5 columns, 4 rows");
        assertEquals(List.of(new PixelRect(0, 0, 300, 200)), Tiles.grid(300, 200, 960, 960, 192), "small image: one tile");
    }

    @Test
    void joinLinesMergesWordsOfOneLineButNotLinesOrFarWords() {
        Region a = new Region(Category.TEXT, "text", 0.9, new Box(100, 50, 130, 70), "m");
        Region b = new Region(Category.TEXT, "text", 0.8, new Box(145, 52, 220, 71), "m"); // gap 15 < 20: same line
        Region far = new Region(Category.TEXT, "text", 0.8, new Box(300, 50, 330, 70), "m"); // gap 80: separate
        Region below = new Region(Category.TEXT, "text", 0.8, new Box(100, 90, 220, 110), "m"); // next line
        Region face = new Region(Category.FACE, "face", 0.9, new Box(131, 50, 144, 70), "m");
        List<Region> out = Regions.joinLines(List.of(a, b, far, below, face), Category.TEXT, 1.0);
        assertEquals(4, out.size(), out.toString());
        assertTrue(out.contains(a.withBox(new Box(100, 50, 220, 71))), "a and b joined, keeping a's score: " + out);
        assertTrue(out.contains(far) && out.contains(below) && out.contains(face));
        assertEquals(5, Regions.joinLines(List.of(a, b, far, below, face), Category.TEXT, 0).size(), "0 = off");
    }
}
