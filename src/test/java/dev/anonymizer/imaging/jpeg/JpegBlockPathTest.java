package dev.anonymizer.imaging.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import dev.anonymizer.censor.CensorStyle;
import dev.anonymizer.censor.RegionCensor;
import dev.anonymizer.censor.CensorStyle.FillColour;
import dev.anonymizer.censor.CensorStyle.Method;
import dev.anonymizer.censor.CensorStyle.Shape;
import dev.anonymizer.imaging.ImageEncoder;
import dev.anonymizer.imaging.ImageFormat;
import dev.anonymizer.imaging.ImageInspector;
import dev.anonymizer.imaging.Orientation;
import dev.anonymizer.region.Box;
import dev.anonymizer.region.PixelRect;
import dev.anonymizer.support.ImageStats;
import dev.anonymizer.support.TestImages;

/**
 * The block path on real photos of every kind it takes: baseline 4:2:0, 4:2:2, 4:4:0 and 4:4:4, greyscale, restart
 * markers, one scan per component, and an EXIF-rotated phone photo. Regions are censored the way the censor step
 * does (blur ellipse, pixelated rectangle at the image corner, feathered fill), then only their blocks may change.
 */
class JpegBlockPathTest {

    static final RegionCensor CENSOR = new RegionCensor(5, 4);
    static final CensorStyle BLUR_ELLIPSE = new CensorStyle(Method.BLUR, Shape.ELLIPSE, FillColour.BLACK, 0);
    static final CensorStyle PIXELATE = new CensorStyle(Method.PIXELATE, Shape.RECTANGLE, FillColour.BLACK, 0);
    static final CensorStyle FEATHERED_FILL = new CensorStyle(Method.FILL, Shape.RECTANGLE, FillColour.GREY, 0.2);

    /** Committed JPEGs of every kind the block path takes. */
    static List<String> sequentialPhotos() {
        return List.of("messi5.jpg", "messi5_422.jpg", "dog.jpg", "portrait_rotated_exif6.jpg", "messi5_grey.jpg",
                "messi5_restart7.jpg", "messi5_multiscan.jpg", "licenseplate_motion.jpg");
    }

    @ParameterizedTest
    @MethodSource("sequentialPhotos")
    void onlyTheBlocksUnderCensoredRegionsChangeAndTheyAreCensored(String name) throws Exception {
        byte[] input = TestImages.bytes(name);
        Orientation o = Orientation.fromExif(ImageInspector.inspect(input, ImageFormat.JPEG).orientation());
        try (Mat original = JpegImages.upright(input); Mat censored = original.clone()) {
            int w = censored.cols();
            int h = censored.rows();
            // a face-like ellipse off the MCU grid, a plate reaching the partial MCUs at the corner, a soft fill
            Box face = new Box(Math.round(w * 0.21), Math.round(h * 0.13), Math.round(w * 0.47), Math.round(h * 0.51));
            Box corner = new Box(w - 61, h - 37, w, h);
            Box soft = new Box(Math.round(w * 0.6), Math.round(h * 0.1), Math.round(w * 0.8), Math.round(h * 0.3));
            CENSOR.apply(censored, face, BLUR_ELLIPSE);
            CENSOR.apply(censored, corner, PIXELATE);
            CENSOR.apply(censored, soft, FEATHERED_FILL);
            List<PixelRect> rects = ImageEncoder.changedPixels(List.of(face, corner, soft), w, h);

            JpegOutput out = CensoredJpegWriter.write(input, censored, rects, o, null, true);

            assertEquals(JpegPath.BLOCKS, out.report().path(), "fallback: " + out.report().fallback());
            long differing = BlockPathAssertions.assertOnlyReachedBlocksDiffer(input, out.bytes(), rects, o, out.report());
            assertTrue(differing > out.report().blocksRewritten() / 2, "the censored blocks did change: " + differing);
            assertTrue(out.report().rewrittenShare() < 0.2, "a small share rewritten: " + out.report().rewrittenShare());
            BlockPathAssertions.assertPixelsIdenticalAwayFromRewrittenMcus(input, out.bytes(), rects, o);
            try (Mat result = JpegImages.upright(out.bytes())) {
                assertEquals(w, result.cols(), "shown upright as before");
                assertEquals(h, result.rows());
                for (Box b : List.of(face, corner, soft)) {
                    assertTrue(ImageStats.meanAbsDiff(censored, result, b) < 3,
                            "inside " + b + " the censored pixels, up to JPEG rounding");
                }
                // inside the ellipse: the rectangle inscribed in it
                double insetX = face.width() * (1 - Math.sqrt(0.5)) / 2 + 2;
                double insetY = face.height() * (1 - Math.sqrt(0.5)) / 2 + 2;
                Box core = new Box(Math.round(face.x1() + insetX), Math.round(face.y1() + insetY),
                        Math.round(face.x2() - insetX), Math.round(face.y2() - insetY));
                double before = ImageStats.laplacianVariance(original, core);
                double after = ImageStats.laplacianVariance(result, core);
                double censoredOnly = ImageStats.laplacianVariance(censored, core);
                assertTrue(after < before * 0.2 && after < 2 * censoredOnly + 1, "face blurred: " + before + " -> "
                        + after + " (the censored pixels: " + censoredOnly + ")");
                assertTrue(ImageStats.greyStdDev(result, new Box(soft.x1() + 10, soft.y1() + 10, soft.x2() - 10,
                        soft.y2() - 10)) < 3, "the fill's core is flat");
            }
            int[] markers = JpegImages.markersBeforeScan(out.bytes());
            assertEquals(o == Orientation.TOP_LEFT ? 0 : 1, count(markers, 0xE1), "EXIF only for the orientation tag");
            for (int m : markers) {
                assertTrue(m == 0xE0 || m == 0xE1 || m < 0xE0 || m > 0xEF && m != 0xFE, "segment 0x" + Integer.toHexString(m));
            }
            if (o != Orientation.TOP_LEFT) {
                assertEquals(o.exifValue(), ImageInspector.inspect(out.bytes(), ImageFormat.JPEG).orientation());
                assertEquals(List.of("Exif IFD0 (1 tags)"), ImageInspector.inspect(out.bytes(), ImageFormat.JPEG).metadata());
            } else {
                assertEquals(List.of(), ImageInspector.inspect(out.bytes(), ImageFormat.JPEG).metadata());
            }
        }
    }

    @Test
    void withNothingCensoredEveryBlockIsKeptAndTheFileDoesNotGrow() throws Exception {
        for (String name : List.of("messi5.jpg", "dog.jpg", "licenseplate_motion.jpg")) {
            byte[] input = TestImages.bytes(name);
            try (Mat pixels = JpegImages.upright(input)) {
                JpegOutput out = CensoredJpegWriter.write(input, pixels, List.of(), Orientation.TOP_LEFT, null, true);
                assertEquals(0, out.report().blocksRewritten());
                assertEquals(0, BlockPathAssertions.assertOnlyReachedBlocksDiffer(input, out.bytes(), List.of(),
                        Orientation.TOP_LEFT, out.report()));
                try (Mat a = JpegImages.stored(input); Mat b = JpegImages.stored(out.bytes())) {
                    assertEquals(0, ImageStats.differingValues(a, b, new Box(0, 0, a.cols(), a.rows())),
                            "decodes to the very same pixels");
                }
                assertTrue(out.bytes().length <= input.length, "optimal Huffman tables: " + out.bytes().length
                        + " bytes from " + input.length);
            }
        }
    }

    @Test
    void theIccProfileIsTheOnlyOtherSegmentKept() throws Exception {
        byte[] input = TestImages.bytes("person_gps_thumbnail.jpg"); // GPS, XMP, IPTC, comment, thumbnail, ICC
        var info = ImageInspector.inspect(input, ImageFormat.JPEG);
        try (Mat pixels = JpegImages.upright(input)) {
            JpegOutput out = CensoredJpegWriter.write(input, pixels, List.of(new PixelRect(100, 100, 50, 50)),
                    Orientation.TOP_LEFT, info.icc(), true);
            assertEquals(JpegPath.BLOCKS, out.report().path());
            var again = ImageInspector.inspect(out.bytes(), ImageFormat.JPEG);
            assertEquals(List.of(), again.metadata(), "nothing identifying");
            assertArrayEquals(info.icc().data(), again.icc().data());
            String text = new String(out.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            for (String secret : List.of("Jane Doe", "PX123456789", "Paris", "shot at home", "PENTAX")) {
                assertTrue(!text.contains(secret), secret);
            }
            // JFIF, ICC, two quantisation tables, frame, four Huffman tables, the camera's restart interval, scan
            assertArrayEquals(new int[] {0xE0, 0xE2, 0xDB, 0xDB, 0xC0, 0xC4, 0xC4, 0xC4, 0xC4, 0xDD, 0xDA},
                    JpegImages.markersBeforeScan(out.bytes()));
        }
    }

    private static int count(int[] markers, int m) {
        int n = 0;
        for (int x : markers) {
            n += x == m ? 1 : 0;
        }
        return n;
    }
}
