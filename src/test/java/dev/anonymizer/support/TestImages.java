package dev.anonymizer.support;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

import dev.anonymizer.region.Box;

/** Test images: committed real photos (see src/test/resources/images/README.md) and synthetic plates drawn here. */
public final class TestImages {

    /** Where the synthetic plate's characters are drawn, in pixels of {@link #syntheticPlate()}. */
    public static final Box PLATE_TEXT = new Box(180, 230, 460, 290);
    /** The whole white plate. */
    public static final Box PLATE = new Box(160, 215, 480, 305);

    private TestImages() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = TestImages.class.getResourceAsStream("/images/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test image " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes (EXIF orientation applied). The caller closes the Mat. */
    public static Mat decode(byte[] bytes) {
        try (BytePointer p = new BytePointer(bytes); Mat raw = new Mat(1, bytes.length, CV_8UC1, p)) {
            return imdecode(raw, IMREAD_COLOR);
        }
    }

    public static Mat load(String name) {
        return decode(bytes(name));
    }

    /**
     * A 640x480 grey scene with textured background and a white plate with black characters "AB 123 CD".
     * The caller closes the Mat.
     */
    public static Mat syntheticPlate() {
        Mat m = new Mat(480, 640, CV_8UC3);
        byte[] px = new byte[480 * 640 * 3];
        for (int y = 0; y < 480; y++) {
            for (int x = 0; x < 640; x++) {
                int v = 90 + (int) (30 * Math.sin(x / 37.0) * Math.cos(y / 23.0));
                int i = (y * 640 + x) * 3;
                px[i] = (byte) v;
                px[i + 1] = (byte) (v + 10);
                px[i + 2] = (byte) (v + 20);
            }
        }
        m.data().put(px);
        try (Scalar white = new Scalar(255, 255, 255, 0); Scalar black = new Scalar(0, 0, 0, 0);
                Point p1 = new Point((int) PLATE.x1(), (int) PLATE.y1());
                Point p2 = new Point((int) PLATE.x2(), (int) PLATE.y2());
                Point textOrigin = new Point(185, 285)) {
            rectangle(m, p1, p2, white, FILLED, LINE_AA, 0);
            putText(m, "AB 123 CD", textOrigin, FONT_HERSHEY_SIMPLEX, 1.9, black, 5, LINE_AA, false);
        }
        return m;
    }

    /**
     * One of many distinct synthetic scenes ({@code variant} 0..99): background phase, plate position and plate text
     * all depend on the variant, so no two outputs can be mistaken for each other. The caller closes the Mat.
     */
    public static Mat syntheticPlate(int variant, int width, int height) {
        Mat m = new Mat(height, width, CV_8UC3);
        byte[] px = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = 90 + (int) (30 * Math.sin((x + 7 * variant) / 37.0) * Math.cos((y + 3 * variant) / 23.0));
                int i = (y * width + x) * 3;
                px[i] = (byte) (v + variant % 7);
                px[i + 1] = (byte) (v + 10);
                px[i + 2] = (byte) (v + 20);
            }
        }
        m.data().put(px);
        int x0 = 40 + (variant * 37) % Math.max(1, width - 400);
        int y0 = 40 + (variant * 53) % Math.max(1, height - 160);
        try (Scalar white = new Scalar(255, 255, 255, 0); Scalar black = new Scalar(0, 0, 0, 0);
                Point p1 = new Point(x0, y0);
                Point p2 = new Point(x0 + 320, y0 + 90);
                Point textOrigin = new Point(x0 + 25, y0 + 70)) {
            rectangle(m, p1, p2, white, FILLED, LINE_AA, 0);
            putText(m, String.format("K%02d %03d Z", variant, 100 + variant * 7), textOrigin, FONT_HERSHEY_SIMPLEX, 1.9,
                    black, 5, LINE_AA, false);
        }
        return m;
    }

    /** Encodes a Mat (".jpg", ".png", ...). */
    public static byte[] encode(Mat m, String ext) {
        try (BytePointer buf = new BytePointer()) {
            imencode(ext, m, buf);
            byte[] out = new byte[(int) buf.limit()];
            buf.get(out);
            return out;
        }
    }
}
