package dev.anonymizer.imaging;

import dev.anonymizer.imaging.jpeg.JpegReport;

/**
 * The censored copy's bytes, for a JPEG how it was written (block path or re-encode, blocks rewritten), and whether
 * the input's colour profile was written back.
 *
 * @param jpeg           null for other formats
 * @param iccProfileKept true when the input had an ICC profile and the copy carries it
 */
public record EncodedImage(byte[] bytes, JpegReport jpeg, boolean iccProfileKept) {
}
