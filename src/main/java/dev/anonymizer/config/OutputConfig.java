package dev.anonymizer.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the censored copy goes, relative to the input object. */
@ConfigMapping(prefix = "anonymizer.output")
public interface OutputConfig {

    /** A fixed output bucket; when absent the output bucket is the input bucket plus {@link #bucketSuffix()}. */
    Optional<String> bucket();

    /**
     * Appended to the input bucket's name when no fixed output bucket is set. Set it empty
     * ({@code anonymizer.output.bucket-suffix=}) for "same bucket" (then a key-prefix is required). Optional because
     * SmallRye Config refuses an empty value for a plain String, so "same bucket" could not be configured otherwise.
     */
    @WithDefault("-anonymized")
    Optional<String> bucketSuffix();

    /** Put in front of the input key to form the output key (prefix mode, e.g. {@code anonymized/}). */
    Optional<String> keyPrefix();

    /**
     * JPEG quality (1-100), used only for a JPEG whose own quantisation tables cannot be used (unreadable, or 12-bit
     * samples); every other JPEG keeps its source's tables.
     */
    @WithDefault("95")
    int jpegQuality();

    /**
     * Sequential (baseline) JPEGs: re-encode only the 8x8 blocks the censored regions reach and copy every other block
     * coefficient for coefficient, so the uncensored pixels decode exactly as before and the file keeps its size. The
     * stored pixel grid and its Orientation tag are kept. false = re-encode the whole image (upright, with the
     * source's quantisation tables).
     */
    @WithDefault("true")
    boolean jpegLosslessOutside();

    /**
     * Sequential JPEGs: the source's coefficients are decoded once, on a thread of their own while the search runs,
     * and held for the block path's two visits of each scan (counting its symbols, then writing), when they take at
     * most this many MiB of heap (3 bytes per pixel at 4:2:0 sampling, 6 at 4:4:4: 64 holds a 21 MP photo). Larger
     * ones, and 0, decode each scan twice while encoding.
     */
    @WithDefault("64")
    int jpegReadAheadMaxMegabytes();

    /** WebP quality (1-100) of censored WebP output. */
    @WithDefault("95")
    int webpQuality();

    /** Keep the input's ICC colour profile in the output (JPEG and PNG) so colours do not shift. */
    @WithDefault("true")
    boolean keepIccProfile();
}
