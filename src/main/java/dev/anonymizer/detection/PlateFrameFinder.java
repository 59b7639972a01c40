package dev.anonymizer.detection;

import static org.bytedeco.opencv.global.opencv_core.CV_32S;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.bitwise_and;
import static org.bytedeco.opencv.global.opencv_core.bitwise_not;
import static org.bytedeco.opencv.global.opencv_core.inRange;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2Lab;
import static org.bytedeco.opencv.global.opencv_imgproc.Canny;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_OTSU;
import static org.bytedeco.opencv.global.opencv_imgproc.connectedComponentsWithStats;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import java.util.List;
import java.util.Optional;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;

import dev.anonymizer.region.Box;
import dev.anonymizer.region.PixelRect;

/**
 * Finds a licence plate's frame around a line of its characters: a plate is a plain background (the most common
 * colour inside the characters' box) bounded by an edge. The frame is the connected area of pixels of that colour,
 * not crossing an image edge, that holds the characters, searched within a window of plate proportions around
 * them. A frame that runs out of that window (a white plate on a white car) or fills too little of its own box is
 * not a plate's: then there is no frame and the characters' box is censored as text.
 */
public final class PlateFrameFinder {

    /** Of the characters' box, at least this share must be the background component (the rest are strokes). */
    private static final double MIN_SEED_SHARE = 0.2;
    /** Canny thresholds of the edges that bound a plate (on 8-bit grey). */
    private static final double CANNY_LOW = 60;
    private static final double CANNY_HIGH = 160;

    private final DetectionSettings.PlateFrame settings;

    /**
     * @param settings how far the frame may reach (in the characters' box heights), the background colour band per
     *                 CIELAB channel, the least fill of the frame's box, its widest aspect, and its smallest and
     *                 largest area in multiples of the characters' box
     */
    public PlateFrameFinder(DetectionSettings.PlateFrame settings) {
        this.settings = settings;
    }

    /** The plate frame holding {@code characters} in the BGR {@code image}, or empty when none is plain to see. */
    public Optional<Box> frameAround(Mat image, Box characters) {
        PixelRect seed = characters.clamp(image.cols(), image.rows()).toPixels();
        if (seed.width() < 2 || seed.height() < 2) {
            return Optional.empty();
        }
        double h = seed.height();
        PixelRect window = new Box(seed.x() - settings.reachX() * h, seed.y() - settings.reachY() * h,
                seed.x() + seed.width() + settings.reachX() * h, seed.y() + seed.height() + settings.reachY() * h)
                .clamp(image.cols(), image.rows()).toPixels();
        try (Rect wr = new Rect(window.x(), window.y(), window.width(), window.height());
                Mat win = new Mat(image, wr);
                Mat lab = new Mat(); Mat gray = new Mat(); Mat edges = new Mat(); Mat notEdges = new Mat();
                Mat background = new Mat()) {
            cvtColor(win, lab, COLOR_BGR2Lab);
            cvtColor(win, gray, COLOR_BGR2GRAY);
            Rect sr = new Rect(seed.x() - window.x(), seed.y() - window.y(), seed.width(), seed.height());
            double[] colour;
            try (sr; Mat seedGray = new Mat(gray, sr); Mat seedLab = new Mat(lab, sr); Mat classes = new Mat()) {
                threshold(seedGray, classes, 0, 255, THRESH_BINARY | THRESH_OTSU);
                int bright = countNonZero(classes);
                if (2 * bright < (double) seed.width() * seed.height()) {
                    bitwise_not(classes, classes);
                }
                colour = channels(mean(seedLab, classes));
            }
            List<Double> tol = settings.colourTolerance();
            try (Mat lower = bound(colour, tol, -1); Mat upper = bound(colour, tol, 1)) {
                inRange(lab, lower, upper, background);
            }
            // edges bound the plate: the background may not flow across one into a car body of the same colour
            Canny(gray, edges, CANNY_LOW, CANNY_HIGH);
            bitwise_not(edges, notEdges);
            bitwise_and(background, notEdges, background);
            Box seedInWindow = Box.ofSize(seed.x() - window.x(), seed.y() - window.y(), seed.width(), seed.height());
            return component(background, seedInWindow)
                    .map(c -> c.span(seedInWindow).translate(window.x(), window.y()))
                    .filter(f -> isPlateShaped(f, seed, window, image.cols(), image.rows()));
        }
    }

    /** The box of the background component that has most pixels inside the seed, if it fills enough of its box. */
    private Optional<Box> component(Mat mask, Box seed) {
        int sx = (int) seed.x1();
        int sy = (int) seed.y1();
        int sw = (int) seed.width();
        int sh = (int) seed.height();
        try (Mat labels = new Mat(); Mat stats = new Mat(); Mat centroids = new Mat()) {
            int n = connectedComponentsWithStats(mask, labels, stats, centroids, 4, CV_32S);
            if (n <= 1) {
                return Optional.empty();
            }
            int[] inSeed = new int[n];
            try (IntIndexer l = labels.createIndexer()) {
                for (int y = sy; y < sy + sh; y++) {
                    for (int x = sx; x < sx + sw; x++) {
                        inSeed[l.get(y, x)]++;
                    }
                }
            }
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (inSeed[i] > inSeed[best] || best == 0 && inSeed[i] > 0) {
                    best = i;
                }
            }
            if (best == 0 || inSeed[best] < MIN_SEED_SHARE * sw * sh) {
                return Optional.empty();
            }
            try (IntIndexer s = stats.createIndexer()) {
                int x = s.get(best, 0);
                int y = s.get(best, 1);
                int w = s.get(best, 2);
                int h = s.get(best, 3);
                int area = s.get(best, 4);
                if (area < settings.minFill() * w * h) {
                    return Optional.empty();
                }
                return Optional.of(new Box(x, y, x + w, y + h));
            }
        }
    }

    /** Within the window (reaching the image's edge is no leak), of plate proportions, not too much larger. */
    private boolean isPlateShaped(Box frame, PixelRect seed, PixelRect window, int width, int height) {
        boolean leaks = frame.x1() <= window.x() && window.x() > 0
                || frame.x2() >= window.x() + window.width() && window.x() + window.width() < width
                || frame.y1() <= window.y() && window.y() > 0
                || frame.y2() >= window.y() + window.height() && window.y() + window.height() < height;
        return !leaks && frame.width() <= settings.maxAspect() * frame.height()
                && frame.area() >= settings.minGrowth() * seed.width() * seed.height()
                && frame.area() <= settings.maxGrowth() * seed.width() * seed.height();
    }

    /** One value per channel (a 3x1 column: a 1x1 three-channel Mat would be read as one value for all three). */
    private static Mat bound(double[] colour, List<Double> tolerance, int sign) {
        Mat m = new Mat(colour.length, 1, CV_64F);
        try (DoubleIndexer i = m.createIndexer()) {
            for (int c = 0; c < colour.length; c++) {
                i.put(c, 0, colour[c] + sign * tolerance.get(c));
            }
        }
        return m;
    }

    private static double[] channels(Scalar s) {
        try (s) {
            return new double[] {s.get(0), s.get(1), s.get(2)};
        }
    }
}
