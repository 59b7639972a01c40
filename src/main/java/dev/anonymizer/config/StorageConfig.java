package dev.anonymizer.config;

import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where images are read from and written to. */
@ConfigMapping(prefix = "anonymizer.storage")
public interface StorageConfig {

    /** Which object store backs the function. */
    @WithDefault("local")
    Type type();

    /** Settings of the embedded local-filesystem store. */
    Local local();

    /** The store implementations. */
    enum Type {
        /** A bucket is a directory under {@code anonymizer.storage.local.root}. */
        LOCAL,
        /** Any S3-compatible server, configured with the {@code quarkus.s3.*} settings. */
        S3
    }

    /** Local-filesystem store settings. */
    interface Local {
        /** Directory holding one sub-directory per bucket. */
        @WithDefault("data")
        Path root();
    }
}
