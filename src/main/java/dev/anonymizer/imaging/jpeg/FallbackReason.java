package dev.anonymizer.imaging.jpeg;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a JPEG was re-encoded whole instead of having only its censored blocks rewritten. Stable codes: they appear
 * in the audit record ({@code jpeg.fallback}).
 */
public enum FallbackReason {
    /** {@code anonymizer.output.jpeg-lossless-outside=false}. */
    DISABLED("disabled"),
    /** Progressive scans: the coefficients arrive spread over many scans; not read here. */
    PROGRESSIVE("progressive"),
    /** Arithmetic-coded entropy data; not read here. */
    ARITHMETIC("arithmetic-coded"),
    /** Lossless or hierarchical frames: not DCT blocks of one resolution. */
    NOT_DCT("lossless-or-hierarchical"),
    /** Samples of more than 8 bits. */
    PRECISION("precision"),
    /** Not greyscale or YCbCr (CMYK, RGB, YCCK, or an unusual component count). */
    COLOUR_MODEL("colour-model"),
    /** Sampling factors that are not whole fractions of the largest one, or out of range. */
    SAMPLING("sampling-factors"),
    /** The marker structure or the entropy-coded data could not be read (damaged, or a feature not handled). */
    UNREADABLE("unreadable"),
    /**
     * The decoded pixels do not match the file's own blocks in the grid the orientation tag says they have: regions
     * could land in the wrong place, so the upright pixels are re-encoded instead.
     */
    ORIENTATION_MISMATCH("orientation-mismatch"),
    /**
     * Too little texture outside the censored area to check where the decoded pixels lie in the stored grid (a flat
     * image): the upright pixels are re-encoded rather than written back by an unchecked mapping.
     */
    ORIENTATION_UNVERIFIED("orientation-unverified");

    private final String code;

    FallbackReason(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }
}
