package dev.anonymizer.imaging;

/**
 * How censored images are written.
 *
 * @param jpegQuality         JPEG quality (1-100) for a JPEG whose own quantisation tables cannot be used
 * @param jpegLosslessOutside sequential JPEGs: re-encode only the blocks the censored regions reach
 * @param webpQuality         WebP quality (1-100)
 * @param keepIccProfile      write the input's ICC colour profile back (JPEG and PNG)
 */
public record EncoderSettings(int jpegQuality, boolean jpegLosslessOutside, int webpQuality, boolean keepIccProfile) {
}
