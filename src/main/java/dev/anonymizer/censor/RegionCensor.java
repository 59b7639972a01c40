package dev.anonymizer.censor;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.blendLinear;
import static org.bytedeco.opencv.global.opencv_imgproc.ellipse;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import dev.anonymizer.censor.CensorStyle.FillColour;
import dev.anonymizer.censor.CensorStyle.Method;
import dev.anonymizer.censor.CensorStyle.Shape;
import dev.anonymizer.region.Box;
import dev.anonymizer.region.PixelRect;

/**
 * Censors one box of an image in place. Pixels outside the box (and outside the ellipse, for elliptic regions with
 * a hard edge) are left bit-identical.
 *
 * <p>Strength rules, both scaled to the region so a large face gets as little detail as a small one:
 * <ul>
 * <li>blur: the region is shrunk (area averaging) to cells of {@code max(shorter side / blurCells, longer side /
 * (2 * blurCells))} pixels, i.e. at most {@code blurCells} samples across its shorter side and {@code 2 * blurCells}
 * along its longer side (a plate of 7-8 characters keeps about one sample per character, too few to match candidate
 * plates against), enlarged again with bilinear interpolation and smoothed with a Gaussian of sigma = half a
 * cell (computed at four pixels per cell, then enlarged to the region).
 * Whatever detail was finer than a cell is averaged away before anything is written, so no deconvolution can bring
 * it back;</li>
 * <li>pixelate: square blocks of {@code max(shorter side / pixelateCells, longer side / (2 * pixelateCells))}
 * pixels, each the mean of its pixels;</li>
 * <li>fill: every pixel set to the fill colour (black 0,0,0 or grey 128,128,128).</li>
 * </ul>
 */
public final class RegionCensor {

    private final int blurCells;
    private final int pixelateCells;

    public RegionCensor(int blurCells, int pixelateCells) {
        this.blurCells = Math.max(1, blurCells);
        this.pixelateCells = Math.max(1, pixelateCells);
    }

    /** Censors {@code box} of {@code image} (BGR, 8-bit) in place. */
    public void apply(Mat image, Box box, CensorStyle style) {
        PixelRect pr = box.clamp(image.cols(), image.rows()).toPixels();
        int x2 = Math.min(pr.x() + pr.width(), image.cols());
        int y2 = Math.min(pr.y() + pr.height(), image.rows());
        int w = x2 - pr.x();
        int h = y2 - pr.y();
        if (w <= 0 || h <= 0) {
            return;
        }
        try (Rect rect = new Rect(pr.x(), pr.y(), w, h); Mat roi = new Mat(image, rect); Mat censored = censor(roi, style)) {
            boolean hardRect = style.shape() == Shape.RECTANGLE && style.feather() <= 0;
            if (hardRect) {
                censored.copyTo(roi);
                return;
            }
            try (Mat mask = shapeMask(w, h, style)) {
                if (style.feather() <= 0) {
                    censored.copyTo(roi, mask);
                } else {
                    blend(roi, censored, mask, style.feather());
                }
            }
        }
    }

    private Mat censor(Mat roi, CensorStyle style) {
        int w = roi.cols();
        int h = roi.rows();
        int shortSide = Math.min(w, h);
        int longSide = Math.max(w, h);
        Mat out = new Mat();
        if (style.method() == Method.FILL) {
            int v = style.fillColour() == FillColour.GREY ? 128 : 0;
            try (Scalar colour = new Scalar(v, v, v, 0)) {
                out.create(h, w, roi.type());
                out.put(colour);
            }
        } else if (style.method() == Method.PIXELATE) {
            int block = Math.max(2, (int) Math.ceil(Math.max((double) shortSide / pixelateCells,
                    (double) longSide / (2 * pixelateCells))));
            try (Mat small = new Mat(); Size smallSize = new Size(Math.max(1, w / block), Math.max(1, h / block));
                    Size full = new Size(w, h)) {
                resize(roi, small, smallSize, 0, 0, INTER_AREA);
                resize(small, out, full, 0, 0, INTER_NEAREST);
            }
        } else {
            double cell = Math.max(2.0, Math.max((double) shortSide / blurCells, (double) longSide / (2 * blurCells)));
            int sw = Math.max(1, (int) Math.round(w / cell));
            int sh = Math.max(1, (int) Math.round(h / cell));
            // The smoothing runs at 4 pixels per cell, not at full size: the same Gaussian of half a cell, but its
            // cost no longer grows with the square of the region (a 1000 px plate row took hundreds of ms).
            try (Mat small = new Mat(); Mat mid = new Mat(); Mat smooth = new Mat(); Size smallSize = new Size(sw, sh);
                    Size midSize = new Size(sw * 4, sh * 4); Size full = new Size(w, h); Size auto = new Size(0, 0)) {
                resize(roi, small, smallSize, 0, 0, INTER_AREA);
                resize(small, mid, midSize, 0, 0, INTER_LINEAR);
                GaussianBlur(mid, smooth, auto, 2.0);
                resize(smooth, out, full, 0, 0, INTER_LINEAR);
            }
        }
        return out;
    }

    private static Mat shapeMask(int w, int h, CensorStyle style) {
        Mat mask = new Mat(h, w, CV_8UC1);
        try (Scalar zero = new Scalar(0.0); Scalar full = new Scalar(255.0)) {
            if (style.shape() == Shape.ELLIPSE) {
                mask.put(zero);
                try (Point center = new Point(w / 2, h / 2); Size axes = new Size(Math.max(1, w / 2), Math.max(1, h / 2))) {
                    ellipse(mask, center, axes, 0, 0, 360, full, FILLED, 8, 0);
                }
            } else {
                mask.put(full);
            }
        }
        return mask;
    }

    /** Soft edge: the mask is blurred into weights and the censored pixels blended in by them. */
    private static void blend(Mat roi, Mat censored, Mat mask, double feather) {
        int band = Math.max(1, (int) Math.round(Math.min(roi.cols(), roi.rows()) * feather));
        try (Mat weights = new Mat(); Mat inverse = new Mat(); Mat blurred = new Mat(); Mat result = new Mat();
                Size auto = new Size(0, 0)) {
            mask.convertTo(weights, CV_32FC1, 1.0 / 255, 0);
            // the soft band lies inside the box's edge: box padding is what keeps the personal data fully covered
            GaussianBlur(weights, blurred, auto, band / 2.0);
            blurred.convertTo(inverse, CV_32FC1, -1, 1);
            blendLinear(censored, roi, blurred, inverse, result);
            result.copyTo(roi);
        }
    }
}
