package dev.anonymizer.evaluation;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.List;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import dev.anonymizer.region.Box;
import dev.anonymizer.region.PixelRect;

/** The report's pictures: a miss with its surroundings, an image with its labels; small JPEGs for data URIs. */
final class ReportImages {

    /** Long side of a miss crop: large enough to see a face, small enough for hundreds on one page. */
    static final int CROP_SIDE = 200;
    /** Long side of a thumbnail of a whole image. */
    static final int THUMBNAIL_SIDE = 480;
    /** A miss is shown with this much of its surroundings on each side, as a share of its box. */
    private static final double CONTEXT = 0.6;
    /** ... but with at least this many pixels of them, so a tiny face can be told from its background. */
    private static final int MIN_CONTEXT_PX = 16;
    private static final int JPEG_QUALITY = 85;

    private ReportImages() {
    }

    /** The box with its surroundings, scaled to {@link #CROP_SIDE}, the box drawn in red. */
    static byte[] crop(Mat image, Box box) {
        double padX = Math.max(CONTEXT * box.width(), MIN_CONTEXT_PX) / Math.max(1, box.width());
        double padY = Math.max(CONTEXT * box.height(), MIN_CONTEXT_PX) / Math.max(1, box.height());
        PixelRect area = box.pad(padX, padY).clamp(image.cols(), image.rows()).toPixels();
        int w = Math.max(1, Math.min(area.width(), image.cols() - area.x()));
        int h = Math.max(1, Math.min(area.height(), image.rows() - area.y()));
        double scale = (double) CROP_SIDE / Math.max(w, h);
        try (Rect rect = new Rect(area.x(), area.y(), w, h); Mat roi = new Mat(image, rect);
                Mat scaled = scaled(roi, scale)) {
            draw(scaled, box.translate(-area.x(), -area.y()), scale, red(), 2);
            return jpeg(scaled);
        }
    }

    /** The whole image scaled to {@link #THUMBNAIL_SIDE}, each labelled box drawn in green. */
    static byte[] thumbnail(Mat image, List<Box> labels) {
        double scale = Math.min(1.0, (double) THUMBNAIL_SIDE / Math.max(image.cols(), image.rows()));
        try (Mat scaled = scaled(image, scale)) {
            for (Box b : labels) {
                draw(scaled, b, scale, green(), 2);
            }
            return jpeg(scaled);
        }
    }

    private static Mat scaled(Mat source, double scale) {
        Mat out = new Mat();
        int w = Math.max(1, (int) Math.round(source.cols() * scale));
        int h = Math.max(1, (int) Math.round(source.rows() * scale));
        try (Size size = new Size(w, h)) {
            resize(source, out, size, 0, 0, scale < 1 ? INTER_AREA : INTER_CUBIC);
        }
        return out;
    }

    private static void draw(Mat image, Box box, double scale, Scalar colour, int thickness) {
        try (colour; Point p1 = new Point((int) Math.round(box.x1() * scale), (int) Math.round(box.y1() * scale));
                Point p2 = new Point((int) Math.round(box.x2() * scale) - 1, (int) Math.round(box.y2() * scale) - 1)) {
            rectangle(image, p1, p2, colour, thickness, LINE_AA, 0);
        }
    }

    private static Scalar red() {
        return new Scalar(40, 40, 230, 0);
    }

    private static Scalar green() {
        return new Scalar(60, 200, 60, 0);
    }

    private static byte[] jpeg(Mat image) {
        try (BytePointer buffer = new BytePointer(); IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, JPEG_QUALITY)) {
            if (!imencode(".jpg", image, buffer, params)) {
                throw new IllegalStateException("OpenCV could not encode a report image");
            }
            byte[] out = new byte[(int) buffer.limit()];
            buffer.get(out);
            return out;
        }
    }
}
