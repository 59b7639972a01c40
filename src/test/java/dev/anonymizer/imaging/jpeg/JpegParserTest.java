package dev.anonymizer.imaging.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.anonymizer.support.TestImages;

/** The marker parser on the committed photos and their derived variants (see DERIVED.md). */
class JpegParserTest {

    /** ITU T.81 Table K.1, the luminance table IJG quality settings scale, in row-major order. */
    static final int[] STANDARD_LUMA = {
        16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
    };

    @Test
    void baselineFrameSamplingAndTheSourcesOwnQuantisationTable() throws Exception {
        ParsedJpeg p = JpegParser.parse(TestImages.bytes("messi5.jpg")); // "IJG JPEG v80, quality = 95"
        FrameHeader f = p.frame();
        assertEquals(CodingProcess.BASELINE, f.process());
        assertEquals(List.of(548, 342, 8), List.of(f.width(), f.height(), f.precision()));
        assertEquals(List.of(2, 2, 1, 1, 1, 1), List.of(f.components().get(0).h(), f.components().get(0).v(),
                f.components().get(1).h(), f.components().get(1).v(), f.components().get(2).h(), f.components().get(2).v()));
        assertEquals(35 * 22, f.mcusX() * f.mcusY(), "16x16 MCUs, the last column and row partial");
        assertEquals(1, p.scans().size());
        assertEquals(0, p.scans().get(0).restartInterval());
        int scale = 200 - 2 * 95;
        int[] luma = p.componentQuant().get(0);
        for (int k = 0; k < 64; k++) {
            int expected = Math.max(1, (STANDARD_LUMA[Zigzag.natural(k)] * scale + 50) / 100);
            assertEquals(expected, luma[k], "IJG quality-95 luma value at zig-zag " + k);
        }
    }

    @Test
    void otherSamplingsGreyscaleRestartIntervalsAndScanStructures() throws Exception {
        assertEquals(List.of(1, 2), sampling("dog.jpg", 0), "4:4:0 (camera rotated in-body)");
        assertEquals(List.of(1, 1), sampling("portrait_rotated_exif6.jpg", 0), "4:4:4");
        assertEquals(List.of(2, 1), sampling("messi5_422.jpg", 0), "4:2:2");
        ParsedJpeg grey = JpegParser.parse(TestImages.bytes("messi5_grey.jpg"));
        assertEquals(1, grey.frame().components().size());
        assertEquals(7, JpegParser.parse(TestImages.bytes("messi5_restart7.jpg")).scans().get(0).restartInterval());
        ParsedJpeg multi = JpegParser.parse(TestImages.bytes("messi5_multiscan.jpg"));
        assertEquals(3, multi.scans().size(), "one scan per component");
        assertEquals(CodingProcess.BASELINE, multi.frame().process());
    }

    @Test
    void progressiveAndArithmeticFilesAreParsedForTheirTables() throws Exception {
        ParsedJpeg baseline = JpegParser.parse(TestImages.bytes("messi5.jpg"));
        ParsedJpeg progressive = JpegParser.parse(TestImages.bytes("messi5_progressive.jpg"));
        ParsedJpeg arithmetic = JpegParser.parse(TestImages.bytes("messi5_arithmetic.jpg"));
        assertEquals(CodingProcess.PROGRESSIVE, progressive.frame().process());
        assertEquals(CodingProcess.ARITHMETIC, arithmetic.frame().process());
        assertEquals(10, progressive.scans().size(), "jpegtran's progressive script");
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(baseline.componentQuant().get(c), progressive.componentQuant().get(c), "made losslessly");
            assertArrayEquals(baseline.componentQuant().get(c), arithmetic.componentQuant().get(c));
        }
        assertEquals(CodingProcess.PROGRESSIVE, JpegParser.parse(TestImages.bytes("grace_hopper_512x512.jpg")).frame().process());
    }

    @Test
    void truncatedOrDamagedStructureIsUnreadable() {
        byte[] jpeg = TestImages.bytes("messi5.jpg");
        for (byte[] bad : List.of(Arrays.copyOf(jpeg, jpeg.length / 2), Arrays.copyOf(jpeg, 300),
                Arrays.copyOfRange(jpeg, 2, jpeg.length))) {
            UnsupportedJpegException e = assertThrows(UnsupportedJpegException.class, () -> JpegParser.parse(bad));
            assertEquals(FallbackReason.UNREADABLE, e.reason(), e.getMessage());
        }
        byte[] noFrame = jpeg.clone();
        for (int i = 2; i + 1 < noFrame.length; i++) {
            if ((noFrame[i] & 0xFF) == 0xFF && (noFrame[i + 1] & 0xFF) == 0xC0) {
                noFrame[i + 1] = (byte) 0xE5; // the frame header becomes an APP5 segment
                break;
            }
        }
        assertEquals(FallbackReason.UNREADABLE,
                assertThrows(UnsupportedJpegException.class, () -> JpegParser.parse(noFrame)).reason());
    }

    private static List<Integer> sampling(String name, int c) throws Exception {
        FrameComponent fc = JpegParser.parse(TestImages.bytes(name)).frame().components().get(c);
        return List.of(fc.h(), fc.v());
    }
}
