package dev.anonymizer.detection;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Brings an image (or a part of one) to the size a model input draws it at. Enlarging interpolates bilinearly;
 * shrinking averages areas or samples bilinearly, as the model's descriptor says ({@link ModelDescriptor.Shrink}).
 * A shrink to less than half first halves the image by averaging each 2x2 block, as often as it takes to come within
 * half of the wanted size, so small faces and characters are averaged into the smaller image, never skipped.
 * <p>
 * Why not OpenCV's area averaging straight to any ratio, as before: at a fractional ratio it took 5-7x the CPU of a
 * bilinear resize of the same image (11-15 against 2 ms of CPU for a 1920x1080 photo to 0.7x, 7-10 against 1 ms to
 * 0.35x), and the search shrinks most photos for several passes; halving by 2x2 blocks is OpenCV's fast integer path
 * (0.3 ms for the same photo), and what is left to average after it is a quarter of the pixels or less. YuNet keeps
 * area averaging: shrunk bilinearly it found fewer faces (docs/benchmark.md, stop 27).
 */
final class ModelInputResize {

    /** Shrinking below this ratio halves the image first. */
    static final double HALVING_BELOW = 0.5;

    private ModelInputResize() {
    }

    /**
     * Writes {@code src} resized to {@code width x height} into {@code dst} (allocated when it has another size or
     * type; a part of a larger matrix of that size is written in place), shrinking by {@code shrink}.
     */
    static void resize(Mat src, Mat dst, int width, int height, ModelDescriptor.Shrink shrink) {
        if (width == src.cols() && height == src.rows()) {
            src.copyTo(dst);
            return;
        }
        Mat current = src;
        try {
            while (width < current.cols() * HALVING_BELOW && height < current.rows() * HALVING_BELOW
                    && current.cols() >= 2 && current.rows() >= 2) {
                Mat half = halved(current);
                if (current != src) {
                    current.close();
                }
                current = half;
            }
            boolean shrinking = width < current.cols() || height < current.rows();
            int interpolation = shrinking && shrink == ModelDescriptor.Shrink.AREA ? INTER_AREA : INTER_LINEAR;
            try (Size size = new Size(width, height)) {
                opencv_imgproc.resize(current, dst, size, 0, 0, interpolation);
            }
        } finally {
            if (current != src) {
                current.close();
            }
        }
    }

    /**
     * The image at half its size, each pixel the mean of a 2x2 block. An odd last column or row is left out (at most
     * one source pixel of the scale's mapping), because OpenCV averages blocks fast only at an exact ratio of 2.
     */
    private static Mat halved(Mat image) {
        int evenW = image.cols() & ~1;
        int evenH = image.rows() & ~1;
        Mat half = new Mat();
        try (Rect even = new Rect(0, 0, evenW, evenH); Mat view = new Mat(image, even);
                Size size = new Size(evenW / 2, evenH / 2)) {
            opencv_imgproc.resize(view, half, size, 0, 0, INTER_AREA);
            return half;
        } catch (RuntimeException e) {
            half.close();
            throw e;
        }
    }
}
