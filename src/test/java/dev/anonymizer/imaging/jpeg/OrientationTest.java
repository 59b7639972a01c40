package dev.anonymizer.imaging.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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
 * All eight EXIF orientations: {@link Orientation} maps pixels exactly as OpenCV turns the stored grid upright, and
 * a region censored on the upright image is written into the stored grid where it belongs, the tag kept.
 */
class OrientationTest {

    @ParameterizedTest
    @EnumSource(Orientation.class)
    void theMappingIsTheOneTheDecoderApplies(Orientation o) {
        byte[] tagged = JpegImages.withOrientation(TestImages.bytes("messi5.jpg"), o);
        assertEquals(o.exifValue(), ImageInspector.inspect(tagged, ImageFormat.JPEG).orientation());
        try (Mat stored = JpegImages.stored(tagged); Mat upright = JpegImages.upright(tagged);
                UByteIndexer s = stored.createIndexer(); UByteIndexer u = upright.createIndexer()) {
            int w = stored.cols();
            int h = stored.rows();
            assertEquals(o.uprightWidth(w, h), upright.cols());
            assertEquals(o.uprightHeight(w, h), upright.rows());
            for (int ys = 0; ys < h; ys += 3) {
                for (int xs = 0; xs < w; xs += 3) {
                    int xu = o.uprightX(xs, ys, w, h);
                    int yu = o.uprightY(xs, ys, w, h);
                    for (int c = 0; c < 3; c++) {
                        assertEquals(s.get(ys, xs, c), u.get(yu, xu, c), o + " at " + xs + "," + ys);
                    }
                }
            }
            PixelRect r = new PixelRect(10, 20, 30, 40);
            PixelRect back = o.uprightToStored(r, w, h);
            assertEquals((long) r.width() * r.height(), (long) back.width() * back.height());
            int xu = o.uprightX(back.x(), back.y(), w, h);
            int yu = o.uprightY(back.x(), back.y(), w, h);
            assertTrue(xu >= 10 && xu < 40 && yu >= 20 && yu < 60, "a stored corner maps into the upright rectangle");
        }
    }

    @ParameterizedTest
    @EnumSource(Orientation.class)
    void aRegionCensoredUprightLandsWhereItWasCensored(Orientation o) throws Exception {
        byte[] input = JpegImages.withOrientation(TestImages.bytes("messi5.jpg"), o);
        try (Mat censored = JpegImages.upright(input)) {
            Box box = new Box(40, 30, 150, 110);
            new RegionCensor(5, 4).apply(censored, box, JpegBlockPathTest.PIXELATE);
            List<PixelRect> rects = ImageEncoder.changedPixels(List.of(box), censored.cols(), censored.rows());

            JpegOutput out = CensoredJpegWriter.write(input, censored, rects, o, null, true);

            assertEquals(JpegPath.BLOCKS, out.report().path(), "fallback: " + out.report().fallback());
            BlockPathAssertions.assertOnlyReachedBlocksDiffer(input, out.bytes(), rects, o, out.report());
            assertEquals(o.exifValue(), ImageInspector.inspect(out.bytes(), ImageFormat.JPEG).orientation(), "tag kept");
            try (Mat result = JpegImages.upright(out.bytes())) {
                assertTrue(ImageStats.meanAbsDiff(censored, result, box) < 2.5, "the pixelated blocks, upright");
                assertTrue(ImageStats.meanAbsDiff(censored, result, new Box(0, 0, censored.cols(), censored.rows())) < 1.5);
            }
        }
    }
}
