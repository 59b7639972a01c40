package dev.anonymizer.imaging.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.anonymizer.imaging.ImageEncoder;
import dev.anonymizer.imaging.ImageFormat;
import dev.anonymizer.imaging.ImageInspector;
import dev.anonymizer.imaging.Orientation;
import dev.anonymizer.region.Box;
import dev.anonymizer.region.PixelRect;
import dev.anonymizer.support.TestImages;

/**
 * A source read ahead, its scans' coefficients held, writes the same censored copy byte for byte as one whose scans
 * are decoded on each visit; files the block path does not take, or too large for the bound, hold nothing.
 */
class JpegSourceTest {

    private static final long ENOUGH = 64L << 20;

    @ParameterizedTest
    @MethodSource("dev.anonymizer.imaging.jpeg.JpegBlockPathTest#sequentialPhotos")
    void heldCoefficientsWriteTheSameCopyAsDecodingEachVisit(String name) throws Exception {
        byte[] input = TestImages.bytes(name);
        try (Mat censored = JpegImages.upright(input)) {
            Orientation o = Orientation.fromExif(ImageInspector.inspect(input, ImageFormat.JPEG).orientation());
            int w = censored.cols();
            int h = censored.rows();
            Box plate = new Box(Math.round(w * 0.3), Math.round(h * 0.6), Math.round(w * 0.55), Math.round(h * 0.7));
            JpegBlockPathTest.CENSOR.apply(censored, plate, JpegBlockPathTest.PIXELATE);
            List<PixelRect> rects = ImageEncoder.changedPixels(List.of(plate), w, h);
            JpegSource read = JpegSource.read(input, ENOUGH);

            JpegOutput held = CensoredJpegWriter.write(read, censored, rects, o, null, true);
            JpegOutput streamed = CensoredJpegWriter.write(input, censored, rects, o, null, true);

            assertTrue(read.holdsScans(), "a sequential file under the bound is held");
            assertEquals(JpegPath.BLOCKS, held.report().path());
            assertTrue(held.report().blocksRewritten() > 0, "the plate's blocks were rewritten");
            assertArrayEquals(streamed.bytes(), held.bytes(), "the same file byte for byte");
        }
    }

    @Test
    void aSourceIsHeldOnlyWithinTheBoundAndWhereTheBlockPathTakesIt() throws Exception {
        byte[] baseline = TestImages.bytes("messi5.jpg");
        ParsedJpeg parsed = JpegParser.parse(baseline);
        long needed = 0;
        for (ScanHeader s : parsed.scans()) {
            needed += DecodedScan.blocks(parsed.frame(), s.components()) * DecodedScan.BYTES_PER_BLOCK;
        }
        assertEquals(parsed.frame().totalBlocks() * DecodedScan.BYTES_PER_BLOCK, needed,
                "one interleaved scan holds every block of the frame");
        assertTrue(JpegSource.read(baseline, needed).holdsScans(), "exactly at the bound");
        assertFalse(JpegSource.read(baseline, needed - 1).holdsScans(), "one byte short");
        assertFalse(JpegSource.read(baseline, 0).holdsScans(), "0 holds nothing");
        assertFalse(JpegSource.read(TestImages.bytes("messi5_progressive.jpg"), ENOUGH).holdsScans(),
                "progressive files are re-encoded from pixels");
        assertFalse(JpegSource.read(TestImages.bytes("messi5_arithmetic.jpg"), ENOUGH).holdsScans(),
                "arithmetic-coded files too");
    }

    @Test
    void damagedDataIsMetWhenWritingAsWithoutReadingAhead() throws Exception {
        byte[] input = TestImages.bytes("messi5.jpg");
        byte[] cut = Arrays.copyOf(input, input.length * 2 / 3 + 2); // the scan cut short, the file ended
        cut[cut.length - 2] = (byte) 0xFF;
        cut[cut.length - 1] = (byte) 0xD9;
        JpegSource read = JpegSource.read(cut, ENOUGH);
        assertFalse(read.holdsScans(), "a truncated scan is not held");
        try (Mat pixels = JpegImages.upright(cut)) {
            JpegOutput ahead = CensoredJpegWriter.write(read, pixels, List.of(), Orientation.TOP_LEFT, null, true);
            JpegOutput now = CensoredJpegWriter.write(cut, pixels, List.of(), Orientation.TOP_LEFT, null, true);
            assertEquals(JpegPath.RE_ENCODED, now.report().path(), "the scan cannot be read: re-encoded from pixels");
            assertEquals(now.report().path(), ahead.report().path());
            assertEquals(now.report().fallback(), ahead.report().fallback());
            assertArrayEquals(now.bytes(), ahead.bytes());
        }
        byte[] notJpeg = {1, 2, 3, 4};
        JpegSource unreadable = JpegSource.read(notJpeg, ENOUGH);
        try (Mat pixels = new Mat(8, 8, org.bytedeco.opencv.global.opencv_core.CV_8UC3)) {
            assertThrows(UnsupportedJpegException.class, () -> CensoredJpegWriter.write(unreadable, pixels, List.of(),
                    Orientation.TOP_LEFT, null, true), "what parsing threw, when writing");
        }
    }
}
