package dev.anonymizer.imaging.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;

import dev.anonymizer.imaging.Orientation;
import dev.anonymizer.region.PixelRect;

/**
 * What the block path promises, checked on an input and its output: every block outside the censored rectangles'
 * reach has the input's coefficients, and OpenCV decodes identical pixels except within one MCU of a rewritten one.
 * The blocks allowed to change are computed here independently of {@link BlockSelection}.
 */
final class BlockPathAssertions {

    private BlockPathAssertions() {
    }

    /** Returns the number of blocks that do differ. */
    static long assertOnlyReachedBlocksDiffer(byte[] input, byte[] output, List<PixelRect> uprightRects,
            Orientation o, JpegReport report) throws Exception {
        Coefficients a = Coefficients.read(input);
        Coefficients b = Coefficients.read(output);
        FrameHeader f = a.frame;
        assertEquals(List.of(f.width(), f.height()), List.of(b.frame.width(), b.frame.height()), "stored grid kept");
        assertEquals(f.components().size(), b.frame.components().size());
        for (int c = 0; c < f.components().size(); c++) {
            assertEquals(f.components().get(c).h(), b.frame.components().get(c).h(), "sampling kept");
            assertEquals(f.components().get(c).v(), b.frame.components().get(c).v(), "sampling kept");
            assertArrayEquals(a.parsed.componentQuant().get(c), b.parsed.componentQuant().get(c), "source tables kept");
        }
        List<PixelRect> stored = uprightRects.stream().map(r -> o.uprightToStored(r, f.width(), f.height())).toList();
        long reachable = 0;
        long differing = 0;
        for (int c = 0; c < f.components().size(); c++) {
            int bw = 8 * f.ratioX(c);
            int bh = 8 * f.ratioY(c);
            for (int by = 0; by < f.blocksY(c); by++) {
                for (int bx = 0; bx < f.blocksX(c); bx++) {
                    short[] before = a.block(c, bx, by);
                    if (before == null) {
                        continue; // padding block a non-interleaved scan never codes
                    }
                    boolean reached = reaches(stored, bx * bw, by * bh, bw, bh, f);
                    boolean same = java.util.Arrays.equals(before, b.block(c, bx, by));
                    if (reached) {
                        reachable++;
                    } else {
                        assertTrue(same, "component " + c + " block " + bx + "," + by + " is outside every censored"
                                + " rectangle, yet its coefficients changed");
                    }
                    differing += same ? 0 : 1;
                }
            }
        }
        assertEquals(reachable, report.blocksRewritten(), "the report counts the blocks the rectangles reach");
        assertEquals(f.totalBlocks(), report.blocksTotal());
        return differing;
    }

    /** Pixels (stored grid, OpenCV) identical everywhere but within one MCU of an MCU the rectangles reach. */
    static void assertPixelsIdenticalAwayFromRewrittenMcus(byte[] input, byte[] output, List<PixelRect> uprightRects,
            Orientation o) throws Exception {
        FrameHeader f = JpegParser.parse(input).frame();
        List<PixelRect> stored = uprightRects.stream().map(r -> o.uprightToStored(r, f.width(), f.height())).toList();
        boolean[][] near = new boolean[f.mcusY()][f.mcusX()];
        for (int my = 0; my < f.mcusY(); my++) {
            for (int mx = 0; mx < f.mcusX(); mx++) {
                if (reaches(stored, mx * f.mcuWidth(), my * f.mcuHeight(), f.mcuWidth(), f.mcuHeight(), f)) {
                    for (int y = Math.max(0, my - 1); y <= Math.min(f.mcusY() - 1, my + 1); y++) {
                        for (int x = Math.max(0, mx - 1); x <= Math.min(f.mcusX() - 1, mx + 1); x++) {
                            near[y][x] = true;
                        }
                    }
                }
            }
        }
        long compared = 0;
        try (Mat in = JpegImages.stored(input); Mat out = JpegImages.stored(output);
                UByteIndexer a = in.createIndexer(); UByteIndexer b = out.createIndexer()) {
            assertNotNull(out);
            assertEquals(in.cols(), out.cols());
            assertEquals(in.rows(), out.rows());
            for (int y = 0; y < in.rows(); y++) {
                for (int x = 0; x < in.cols(); x++) {
                    if (near[y / f.mcuHeight()][x / f.mcuWidth()]) {
                        continue;
                    }
                    for (int ch = 0; ch < 3; ch++) {
                        if (a.get(y, x, ch) != b.get(y, x, ch)) {
                            throw new AssertionError("pixel " + x + "," + y + " channel " + ch + " changed: " + a.get(y, x, ch)
                                    + " -> " + b.get(y, x, ch));
                        }
                    }
                    compared++;
                }
            }
            assertTrue(compared > (long) in.cols() * in.rows() / 2, "most pixels compared: " + compared);
        }
    }

    private static boolean reaches(List<PixelRect> rects, int x, int y, int w, int h, FrameHeader f) {
        for (PixelRect r : rects) {
            int x1 = Math.max(r.x(), x);
            int y1 = Math.max(r.y(), y);
            int x2 = Math.min(Math.min(r.x() + r.width(), x + w), f.width());
            int y2 = Math.min(Math.min(r.y() + r.height(), y + h), f.height());
            if (x2 > x1 && y2 > y1) {
                return true;
            }
        }
        return false;
    }
}
