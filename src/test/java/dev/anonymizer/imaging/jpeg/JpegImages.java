package dev.anonymizer.imaging.jpeg;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import java.util.Arrays;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

import dev.anonymizer.imaging.Orientation;

/** Helpers for the JPEG tests: OpenCV decodes in either grid, and an orientation tag put into a file. */
final class JpegImages {

    private JpegImages() {
    }

    /** Upright BGR, as the pipeline decodes. The caller closes it. */
    static Mat upright(byte[] jpeg) {
        return decode(jpeg, IMREAD_COLOR);
    }

    /** BGR in the stored grid (orientation tag ignored). The caller closes it. */
    static Mat stored(byte[] jpeg) {
        return decode(jpeg, IMREAD_COLOR | IMREAD_IGNORE_ORIENTATION);
    }

    /** Luma alone in the stored grid: libjpeg hands out the Y component itself, no colour conversion. */
    static Mat storedLuma(byte[] jpeg) {
        return decode(jpeg, IMREAD_GRAYSCALE | IMREAD_IGNORE_ORIENTATION);
    }

    private static Mat decode(byte[] b, int flags) {
        try (BytePointer p = new BytePointer(b); Mat raw = new Mat(1, b.length, CV_8UC1, p)) {
            return imdecode(raw, flags);
        }
    }

    /** {@code jpeg} (which has no EXIF) with an EXIF APP1 holding orientation {@code o} right after SOI. */
    static byte[] withOrientation(byte[] jpeg, Orientation o) {
        JpegWriter w = new JpegWriter(64);
        w.exifOrientation(o);
        byte[] app1 = w.toByteArray();
        byte[] out = new byte[jpeg.length + app1.length];
        out[0] = jpeg[0];
        out[1] = jpeg[1];
        System.arraycopy(app1, 0, out, 2, app1.length);
        System.arraycopy(jpeg, 2, out, 2 + app1.length, jpeg.length - 2);
        return out;
    }

    /** The marker codes of {@code jpeg}'s segments up to the first scan, in order. */
    static int[] markersBeforeScan(byte[] b) {
        int[] out = new int[64];
        int n = 0;
        int i = 2;
        while (i + 4 <= b.length && (b[i] & 0xFF) == 0xFF) {
            int m = b[i + 1] & 0xFF;
            out[n++] = m;
            if (m == JpegParser.SOS) {
                break;
            }
            i += 2 + ((b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF));
        }
        return Arrays.copyOf(out, n);
    }
}
