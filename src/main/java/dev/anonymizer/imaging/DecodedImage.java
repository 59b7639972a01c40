package dev.anonymizer.imaging;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decoded, upright (EXIF orientation applied) 8-bit BGR pixels, what was known of the input, and the input's bytes
 * (the JPEG block path re-uses its coefficients). Owns the {@link Mat}: close it (try-with-resources) when the
 * request is done.
 */
public record DecodedImage(Mat pixels, ImageInfo info, byte[] source) implements AutoCloseable {

    public int width() {
        return pixels.cols();
    }

    public int height() {
        return pixels.rows();
    }

    @Override
    public void close() {
        pixels.close();
    }
}
