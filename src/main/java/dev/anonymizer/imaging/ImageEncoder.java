package dev.anonymizer.imaging;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_PNG_COMPRESSION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_WEBP_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import jakarta.enterprise.context.ApplicationScoped;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;

import dev.anonymizer.config.OutputConfig;

/**
 * Encodes censored pixels in the input's format. The encoder writes pixels only: no EXIF, GPS, maker notes, XMP,
 * IPTC, comments or thumbnails, and no orientation tag (pixels are already upright). The ICC profile is written
 * back when configured.
 */
@ApplicationScoped
public class ImageEncoder {

    private final OutputConfig output;

    public ImageEncoder(OutputConfig output) {
        this.output = output;
    }

    /** The encoded image. */
    public byte[] encode(Mat pixels, ImageInfo info) {
        ImageFormat format = info.format();
        int[] params = switch (format) {
            case JPEG -> new int[] {IMWRITE_JPEG_QUALITY, output.jpegQuality()};
            case PNG -> new int[] {IMWRITE_PNG_COMPRESSION, 3};
            case WEBP -> new int[] {IMWRITE_WEBP_QUALITY, output.webpQuality()};
            default -> new int[0];
        };
        byte[] encoded;
        try (BytePointer buffer = new BytePointer(); IntPointer p = new IntPointer(params)) {
            if (!imencode(format.extension(), pixels, buffer, p)) {
                throw new IllegalStateException("OpenCV could not encode " + format);
            }
            encoded = new byte[(int) buffer.limit()];
            buffer.get(encoded);
        }
        if (output.keepIccProfile() && info.icc() != null) {
            encoded = info.icc().embedInto(encoded, format);
        }
        return encoded;
    }
}
