package dev.anonymizer.censor;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import dev.anonymizer.censor.CensorStyle.FillColour;
import dev.anonymizer.censor.CensorStyle.Method;
import dev.anonymizer.censor.CensorStyle.Shape;
import dev.anonymizer.region.Box;
import dev.anonymizer.support.ImageStats;
import dev.anonymizer.support.TestImages;

/** Censoring changes only the censored pixels, and blurred or pixelated text cannot be read back. */
class RegionCensorTest {

    private final RegionCensor censor = new RegionCensor(5, 4);

    private static Mat noise(long seed) {
        Mat m = new Mat(200, 300, CV_8UC3);
        byte[] px = new byte[200 * 300 * 3];
        new Random(seed).nextBytes(px);
        m.data().put(px);
        return m;
    }

    private static byte[] pixels(Mat m) {
        byte[] px = new byte[m.rows() * m.cols() * 3];
        m.data().get(px);
        return px;
    }

    @Test
    void onlyPixelsInsideTheBoxChangeForEveryMethodAndShape() {
        Box box = new Box(40.4, 30.6, 140.2, 110.9);
        for (Method method : Method.values()) {
            for (Shape shape : Shape.values()) {
                for (double feather : new double[] {0, 0.2}) {
                    try (Mat img = noise(7); Mat original = img.clone()) {
                        censor.apply(img, box, new CensorStyle(method, shape, FillColour.GREY, feather));
                        byte[] a = pixels(original);
                        byte[] b = pixels(img);
                        int changedInside = 0;
                        for (int y = 0; y < 200; y++) {
                            for (int x = 0; x < 300; x++) {
                                boolean inside = x >= 40 && x < 141 && y >= 30 && y < 111;
                                for (int c = 0; c < 3; c++) {
                                    int i = (y * 300 + x) * 3 + c;
                                    if (!inside) {
                                        assertEquals(a[i], b[i], method + "/" + shape + "/" + feather + " changed " + x + "," + y);
                                    } else if (a[i] != b[i]) {
                                        changedInside++;
                                    }
                                }
                            }
                        }
                        assertTrue(changedInside > 101 * 81 * 3 / 2, method + "/" + shape + " censored most of the box");
                    }
                }
            }
        }
    }

    @Test
    void hardEllipseLeavesTheBoxCornersUntouched() {
        try (Mat img = noise(3); Mat original = img.clone()) {
            censor.apply(img, new Box(100, 50, 200, 150), new CensorStyle(Method.FILL, Shape.ELLIPSE, FillColour.BLACK, 0));
            assertEquals(0, ImageStats.differingValues(original, img, new Box(100, 50, 110, 60)), "top-left corner");
            assertEquals(0.0, ImageStats.greyStdDev(img, new Box(140, 90, 160, 110)), 1e-9, "centre filled");
        }
    }

    @Test
    void fillIsExact() {
        try (Mat img = noise(5)) {
            censor.apply(img, new Box(10, 10, 60, 40), new CensorStyle(Method.FILL, Shape.RECTANGLE, FillColour.GREY, 0));
            byte[] px = pixels(img);
            for (int y = 10; y < 40; y++) {
                for (int x = 10; x < 60; x++) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(128, px[(y * 300 + x) * 3 + c] & 0xFF);
                    }
                }
            }
        }
    }

    /**
     * The blurred plate keeps less than 1% of its high-frequency energy (Laplacian variance), and its column profile
     * no longer shows one dark valley per character: the characters cannot be told apart.
     */
    @Test
    void blurredAndPixelatedPlateCharactersAreNoLongerSeparable() {
        Box padded = TestImages.PLATE_TEXT.pad(0.15, 0.35);
        for (Method method : new Method[] {Method.BLUR, Method.PIXELATE}) {
            try (Mat img = TestImages.syntheticPlate(); Mat original = img.clone()) {
                int before = characterValleys(original, TestImages.PLATE_TEXT);
                double energyBefore = ImageStats.laplacianVariance(original, TestImages.PLATE_TEXT);
                censor.apply(img, padded, new CensorStyle(method, Shape.RECTANGLE, FillColour.BLACK, 0));
                int after = characterValleys(img, TestImages.PLATE_TEXT);
                double energyAfter = ImageStats.laplacianVariance(img, TestImages.PLATE_TEXT);
                System.out.printf("%s: character valleys %d -> %d, Laplacian variance %.1f -> %.2f (%.3f%%)%n", method,
                        before, after, energyBefore, energyAfter, 100 * energyAfter / energyBefore);
                assertTrue(before >= 5, "the drawn plate shows separate dark characters: " + before);
                assertTrue(after <= 2, method + " leaves at most 2 valleys (no per-character structure): " + after);
                if (method == Method.BLUR) {
                    assertTrue(energyAfter < energyBefore * 0.01, "blur keeps < 1% of high-frequency energy");
                }
            }
        }
    }

    /** Dark valleys in the mean column brightness (a character is a dark valley between light gaps). */
    private static int characterValleys(Mat bgr, Box box) {
        int x0 = (int) box.x1();
        int y0 = (int) box.y1();
        int w = (int) box.width();
        int h = (int) box.height();
        byte[] px = pixels(bgr);
        double[] col = new double[w];
        for (int x = 0; x < w; x++) {
            double s = 0;
            for (int y = 0; y < h; y++) {
                int i = ((y0 + y) * bgr.cols() + x0 + x) * 3;
                s += ((px[i] & 0xFF) + (px[i + 1] & 0xFF) + (px[i + 2] & 0xFF)) / 3.0;
            }
            col[x] = s / h;
        }
        double max = java.util.Arrays.stream(col).max().orElse(0);
        double min = java.util.Arrays.stream(col).min().orElse(0);
        double range = max - min;
        if (range < 20) {
            return 0; // flat: nothing to separate
        }
        // count entries into the dark half with hysteresis
        int valleys = 0;
        boolean dark = false;
        for (double v : col) {
            if (!dark && v < min + range * 0.35) {
                dark = true;
                valleys++;
            } else if (dark && v > min + range * 0.65) {
                dark = false;
            }
        }
        return valleys;
    }
}
