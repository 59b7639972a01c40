package dev.anonymizer.config;

import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where model files and descriptors live and how ONNX Runtime runs them. */
@ConfigMapping(prefix = "anonymizer.models")
public interface ModelsConfig {

    /** Directory with {@code <id>.onnx} and {@code <id>.json} descriptor pairs. */
    @WithDefault("models")
    Path dir();

    /**
     * ONNX Runtime intra-op threads per session. One thread per inference and parallel requests used the
     * CPU better than two threads per inference here (spin-waiting).
     */
    @WithDefault("1")
    int intraOpThreads();

    /**
     * ONNX Runtime's CPU arena gives its unused chunks back after every inference. Off, the arena keeps the largest
     * inference's buffers for reuse (no page faults on the next run) at the price of resident memory.
     */
    @WithDefault("true")
    boolean arenaShrinkage();

    /** Verify each model file's SHA-256 against its descriptor at start-up. */
    @WithDefault("true")
    boolean verifyChecksums();
}
