package dev.anonymizer.imaging;

import java.util.List;

/**
 * What is known of an encoded image before its pixels are decoded.
 *
 * @param orientation EXIF orientation (1 = upright, 6 = rotate 90 clockwise, ...); 1 when absent
 * @param metadata    metadata groups the input carries, as "name (n tags)"; none of them reach the output
 * @param icc         the colour profile in the input, if any (kept by default)
 */
public record ImageInfo(ImageFormat format, int width, int height, int orientation, List<String> metadata,
        IccProfile icc) {

    public long pixels() {
        return (long) width * height;
    }
}
