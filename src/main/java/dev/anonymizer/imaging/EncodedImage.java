package dev.anonymizer.imaging;

import dev.anonymizer.imaging.jpeg.JpegReport;

/**
 * The censored copy's bytes, and for a JPEG how it was written (block path or re-encode, blocks rewritten).
 *
 * @param jpeg null for other formats
 */
public record EncodedImage(byte[] bytes, JpegReport jpeg) {
}
