package dev.anonymizer.imaging.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.flip;

import java.util.Arrays;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.anonymizer.censor.RegionCensor;
import dev.anonymizer.imaging.ImageEncoder;
import dev.anonymizer.imaging.ImageFormat;
import dev.anonymizer.imaging.ImageInspector;
import dev.anonymizer.imaging.Orientation;
import dev.anonymizer.region.Box;
import dev.anonymizer.region.PixelRect;
import dev.anonymizer.support.ImageStats;
import dev.anonymizer.support.TestImages;

/**
 * What the block path does not take is re-encoded whole, upright, at the source's own quality: its quantisation
 * tables and sampling factors, not a fixed quality. The report says which path and why.
 */
class FallbackTest {

    @ParameterizedTest
    @CsvSource({"messi5_progressive.jpg, PROGRESSIVE, true", "grace_hopper_512x512.jpg, PROGRESSIVE, true",
            "messi5_arithmetic.jpg, ARITHMETIC, true", "messi5.jpg, DISABLED, false"})
    void reencodedWithTheSourcesTablesAndSampling(String name, FallbackReason reason, boolean blockPath)
            throws Exception {
        byte[] input = TestImages.bytes(name);
        ParsedJpeg source = JpegParser.parse(input);
        try (Mat original = JpegImages.upright(input); Mat censored = original.clone()) {
            assertNotNull(original, "OpenCV decodes " + name);
            Box box = new Box(100, 60, 220, 200);
            new RegionCensor(5, 4).apply(censored, box, JpegBlockPathTest.BLUR_ELLIPSE);
            List<PixelRect> rects = ImageEncoder.changedPixels(List.of(box), censored.cols(), censored.rows());

            JpegOutput out = CensoredJpegWriter.write(input, censored, rects, Orientation.TOP_LEFT, null, blockPath);

            assertEquals(JpegPath.RE_ENCODED, out.report().path());
            assertEquals(reason, out.report().fallback());
            assertEquals(QuantisationSource.SOURCE, out.report().quantisation());
            assertEquals(out.report().blocksTotal(), out.report().blocksRewritten());
            ParsedJpeg written = JpegParser.parse(out.bytes());
            assertEquals(CodingProcess.BASELINE, written.frame().process());
            for (int c = 0; c < source.frame().components().size(); c++) {
                assertArrayEquals(source.componentQuant().get(c), written.componentQuant().get(c), "the source's table");
                assertEquals(source.frame().components().get(c).h(), written.frame().components().get(c).h());
                assertEquals(source.frame().components().get(c).v(), written.frame().components().get(c).v());
            }
            try (Mat result = JpegImages.upright(out.bytes())) {
                Box all = new Box(0, 0, censored.cols(), censored.rows());
                assertTrue(ImageStats.meanAbsDiff(censored, result, all) < 1.5, "one more round at the same quality");
                assertTrue(ImageStats.meanAbsDiff(censored, result, box) < 2);
            }
            double ratio = out.bytes().length / (double) input.length;
            assertTrue(ratio > 0.8 && ratio < 1.25, "about the source's size, not a quality-95 file: " + ratio);
        }
    }

    @Test
    void aRotatedPhotoIsReencodedUprightWithoutTheTagWhenTheBlockPathIsOff() throws Exception {
        byte[] input = TestImages.bytes("portrait_rotated_exif6.jpg");
        try (Mat upright = JpegImages.upright(input)) {
            JpegOutput out = CensoredJpegWriter.write(input, upright, List.of(), Orientation.RIGHT_TOP, null, false);
            FrameHeader f = JpegParser.parse(out.bytes()).frame();
            assertEquals(List.of(512, 420), List.of(f.width(), f.height()), "upright grid");
            assertEquals(1, ImageInspector.inspect(out.bytes(), ImageFormat.JPEG).orientation(), "no orientation tag");
        }
    }

    @Test
    void pixelsThatDoNotMatchTheClaimedOrientationAreNotWrittenBackByIt() throws Exception {
        byte[] input = TestImages.bytes("messi5.jpg");
        try (Mat censored = JpegImages.upright(input)) {
            Box box = new Box(20, 20, 120, 100);
            new RegionCensor(5, 4).apply(censored, box, JpegBlockPathTest.PIXELATE);
            List<PixelRect> rects = ImageEncoder.changedPixels(List.of(box), censored.cols(), censored.rows());
            // as if the header said "mirrored" while the decoder showed the grid as stored
            JpegOutput out = CensoredJpegWriter.write(input, censored, rects, Orientation.TOP_RIGHT, null, true);
            assertEquals(JpegPath.RE_ENCODED, out.report().path());
            assertEquals(FallbackReason.ORIENTATION_MISMATCH, out.report().fallback());
            try (Mat result = JpegImages.upright(out.bytes())) {
                assertTrue(ImageStats.meanAbsDiff(censored, result, box) < 2, "censored where the decoder showed it");
            }
        }
    }

    @Test
    void aFlatOrMirrorSymmetricPhotoCannotShowItsOrientationAndIsReencodedWhenItHasExif() throws Exception {
        byte[] flat;
        try (Mat m = new Mat(240, 320, CV_8UC3); Scalar grey = new Scalar(90, 100, 110, 0)) {
            m.put(grey);
            flat = TestImages.encode(m, ".jpg");
        }
        byte[] symmetric;
        try (Mat m = JpegImages.upright(TestImages.bytes("messi5.jpg")); Rect left = new Rect(0, 0, 256, 336);
                Rect right = new Rect(256, 0, 256, 336); Mat l = new Mat(m, left); Mat r = new Mat(m, right)) {
            flip(l, r, 1); // the right half mirrors the left, about a block boundary
            try (Rect whole = new Rect(0, 0, 512, 336); Mat both = new Mat(m, whole); Mat copy = both.clone()) {
                symmetric = TestImages.encode(copy, ".jpg");
            }
        }
        for (byte[] input : List.of(flat, symmetric)) {
            List<PixelRect> rects = List.of(new PixelRect(10, 10, 40, 40));
            try (Mat censored = JpegImages.upright(input)) {
                // no EXIF: nothing can have turned the pixels, nothing to check
                assertEquals(JpegPath.BLOCKS, CensoredJpegWriter.write(input, censored, rects, Orientation.TOP_LEFT,
                        null, true).report().path());
            }
            byte[] tagged = JpegImages.withOrientation(input, Orientation.TOP_LEFT);
            try (Mat censored = JpegImages.upright(tagged)) {
                JpegOutput out = CensoredJpegWriter.write(tagged, censored, rects, Orientation.TOP_LEFT, null, true);
                assertEquals(FallbackReason.ORIENTATION_UNVERIFIED, out.report().fallback());
            }
        }
    }

    @Test
    void scanDataCutShortFallsBackInsteadOfBeingCopied() throws Exception {
        byte[] jpeg = TestImages.bytes("messi5.jpg");
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length * 2 / 3 + 2);
        cut[cut.length - 2] = (byte) 0xFF;
        cut[cut.length - 1] = (byte) 0xD9;
        try (Mat decoded = JpegImages.upright(cut)) { // libjpeg fills the missing rows and warns
            JpegOutput out = CensoredJpegWriter.write(cut, decoded, List.of(), Orientation.TOP_LEFT, null, true);
            assertEquals(JpegPath.RE_ENCODED, out.report().path());
            assertEquals(FallbackReason.UNREADABLE, out.report().fallback());
        }
    }

    @Test
    void withoutReadableTablesTheWriterGivesUp() {
        byte[] jpeg = TestImages.bytes("messi5.jpg");
        byte[] noTables = jpeg.clone();
        for (int i = 2; i + 1 < noTables.length; i++) {
            if ((noTables[i] & 0xFF) == 0xFF && (noTables[i + 1] & 0xFF) == 0xDB) {
                noTables[i + 1] = (byte) 0xE7; // every DQT becomes an APP7
            }
        }
        try (Mat pixels = JpegImages.upright(jpeg)) {
            UnsupportedJpegException e = assertThrows(UnsupportedJpegException.class, () -> CensoredJpegWriter.write(
                    noTables, pixels, List.of(), Orientation.TOP_LEFT, null, true));
            assertEquals(FallbackReason.UNREADABLE, e.reason());
        }
    }
}
