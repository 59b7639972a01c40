package dev.anonymizer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits checked before an image is decoded. */
@ConfigMapping(prefix = "anonymizer.limits")
public interface ImageLimitsConfig {

    /** Images with more pixels than this are rejected before decoding (decompression bombs). */
    @WithDefault("50000000")
    long maxPixels();

    /** Objects larger than this many bytes are rejected before they are read. */
    @WithDefault("104857600")
    long maxBytes();
}
