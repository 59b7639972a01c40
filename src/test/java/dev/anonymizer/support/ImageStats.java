package dev.anonymizer.support;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

import dev.anonymizer.region.Box;

/** Measurements on decoded images for assertions: variance, high-frequency energy, differences. */
public final class ImageStats {

    private ImageStats() {
    }

    private static Rect rect(Box b) {
        return new Rect((int) b.x1(), (int) b.y1(), (int) b.width(), (int) b.height());
    }

    /** Standard deviation of grey levels inside {@code box}. */
    public static double greyStdDev(Mat bgr, Box box) {
        try (Rect r = rect(box); Mat roi = new Mat(bgr, r); Mat grey = new Mat(); Mat mean = new Mat(); Mat std = new Mat()) {
            cvtColor(roi, grey, COLOR_BGR2GRAY);
            meanStdDev(grey, mean, std);
            return std.createIndexer().getDouble(0);
        }
    }

    /** Variance of the Laplacian of grey levels inside {@code box}: high-frequency energy (edges, strokes). */
    public static double laplacianVariance(Mat bgr, Box box) {
        try (Rect r = rect(box); Mat roi = new Mat(bgr, r); Mat grey = new Mat(); Mat lap = new Mat(); Mat mean = new Mat();
                Mat std = new Mat()) {
            cvtColor(roi, grey, COLOR_BGR2GRAY);
            Laplacian(grey, lap, CV_64F);
            meanStdDev(lap, mean, std);
            double s = std.createIndexer().getDouble(0);
            return s * s;
        }
    }

    /** Mean absolute difference per channel value inside {@code box}. */
    public static double meanAbsDiff(Mat a, Mat b, Box box) {
        try (Rect r = rect(box); Mat ra = new Mat(a, r); Mat rb = new Mat(b, r); Mat d = new Mat(); Mat mean = new Mat();
                Mat std = new Mat()) {
            absdiff(ra, rb, d);
            meanStdDev(d.reshape(1), mean, std);
            return mean.createIndexer().getDouble(0);
        }
    }

    /** Number of channel values that differ inside {@code box}. */
    public static int differingValues(Mat a, Mat b, Box box) {
        try (Rect r = rect(box); Mat ra = new Mat(a, r); Mat rb = new Mat(b, r); Mat d = new Mat()) {
            absdiff(ra, rb, d);
            try (Mat flat = d.reshape(1)) {
                return countNonZero(flat);
            }
        }
    }
}
