package dev.anonymizer.imaging;

/**
 * How censored images are written.
 *
 * @param jpegQuality         JPEG quality (1-100) for a JPEG whose own quantisation tables cannot be used
 * @param jpegLosslessOutside sequential JPEGs: re-encode only the blocks the censored regions reach
 * @param webpQuality         WebP quality (1-100)
 * @param keepIccProfile      write the input's ICC colour profile back (JPEG and PNG)
 * @param readAheadMaxBytes   sequential JPEGs: the most heap bytes of source coefficients read ahead and held for
 *                            the block path's two visits of each scan; 0 = none (each scan decoded twice, when
 *                            encoding)
 */
public record EncoderSettings(int jpegQuality, boolean jpegLosslessOutside, int webpQuality, boolean keepIccProfile,
        long readAheadMaxBytes) {

    /** Without reading ahead. */
    public EncoderSettings(int jpegQuality, boolean jpegLosslessOutside, int webpQuality, boolean keepIccProfile) {
        this(jpegQuality, jpegLosslessOutside, webpQuality, keepIccProfile, 0);
    }
}
