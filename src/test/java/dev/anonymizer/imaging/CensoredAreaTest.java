package dev.anonymizer.imaging;

import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

import dev.anonymizer.censor.CensorStyle;
import dev.anonymizer.censor.RegionCensor;
import dev.anonymizer.censor.CensorStyle.FillColour;
import dev.anonymizer.censor.CensorStyle.Method;
import dev.anonymizer.censor.CensorStyle.Shape;
import dev.anonymizer.region.Box;
import dev.anonymizer.region.PixelRect;
import dev.anonymizer.support.TestImages;

/**
 * The JPEG block path rewrites only the blocks under {@link ImageEncoder#changedPixels}; so the censor step must
 * change no pixel outside those rectangles, for every method, shape and feather, with boxes off the pixel grid and
 * over the image's edge. Should the censor step ever reach further, this fails before a censored pixel is lost.
 */
class CensoredAreaTest {

    @Test
    void everyPixelTheCensorStepChangesLiesInTheRectanglesTheEncoderRewrites() {
        List<Box> boxes = List.of(new Box(33.4, 41.7, 201.2, 180.9), new Box(-20.5, 300.2, 90.1, 520),
                new Box(600.3, -5, 700, 60.6), new Box(250, 250, 251.5, 252.2));
        RegionCensor censor = new RegionCensor(5, 4);
        for (Method method : Method.values()) {
            for (Shape shape : Shape.values()) {
                for (double feather : new double[] {0, 0.15, 0.5}) {
                    CensorStyle style = new CensorStyle(method, shape, FillColour.GREY, feather);
                    try (Mat before = TestImages.load("dog.jpg"); Mat after = before.clone()) {
                        for (Box b : boxes) {
                            censor.apply(after, b, style);
                        }
                        List<PixelRect> rects = ImageEncoder.changedPixels(boxes, after.cols(), after.rows());
                        assertTrue(countOutside(before, after, rects) == 0, style + ": pixels changed outside the rectangles");
                        assertTrue(countOutside(before, after, List.of()) > 0, style + ": the censor changed something");
                    }
                }
            }
        }
    }

    /** Channel values that differ outside {@code rects}. */
    private static long countOutside(Mat before, Mat after, List<PixelRect> rects) {
        try (Mat diff = new Mat(); Scalar zero = new Scalar(0, 0, 0, 0)) {
            absdiff(before, after, diff);
            for (PixelRect r : rects) {
                try (Rect rect = new Rect(r.x(), r.y(), r.width(), r.height()); Mat roi = new Mat(diff, rect)) {
                    roi.put(zero);
                }
            }
            try (Mat flat = diff.reshape(1)) {
                return countNonZero(flat);
            }
        }
    }
}
