package dev.anonymizer.imaging;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decoded, upright (EXIF orientation applied) 8-bit BGR pixels and what was known of the input. Owns the
 * {@link Mat}: close it (try-with-resources) when the request is done.
 */
public record DecodedImage(Mat pixels, ImageInfo info) implements AutoCloseable {

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
