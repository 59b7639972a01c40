package dev.anonymizer.config;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Local try-out: watch bucket directories of the local store and treat each new file as if a
 * {@code dev.anonymizer.image.stored} event had arrived. On by default in dev mode only.
 */
@ConfigMapping(prefix = "anonymizer.watch")
public interface WatchConfig {

    /** Watch the buckets below. */
    @WithDefault("false")
    boolean enabled();

    /** Buckets (directories under the local store's root) to watch; created when missing. */
    @WithDefault("inbox")
    List<String> buckets();
}
