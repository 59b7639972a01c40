package dev.anonymizer.imaging;

/**
 * Limits checked before an image is decoded.
 *
 * @param maxPixels images with more pixels are rejected before decoding (decompression bombs)
 * @param maxBytes  larger inputs are rejected
 */
public record ImageLimits(long maxPixels, long maxBytes) {
}
