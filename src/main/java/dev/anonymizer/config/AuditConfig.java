package dev.anonymizer.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The per-image audit record. */
@ConfigMapping(prefix = "anonymizer.audit")
public interface AuditConfig {

    /** Write an audit JSON for every anonymized image. */
    @WithDefault("true")
    boolean enabled();

    /** Bucket for audit records; when absent they go beside the output, in the output bucket. */
    Optional<String> bucket();

    /** Appended to the output key to form the audit record's key. */
    @WithDefault(".audit.json")
    String keySuffix();
}
