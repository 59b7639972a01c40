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
     * ONNX Runtime's CPU arena gives its unused chunks back after every inference. Off (the default), the arena keeps
     * its buffers for the next inference: the text model ran 3x faster in the pipeline (the freed buffers were
     * page-faulted in anew on every run), for about 90 MiB more resident memory after 100 photos.
     */
    @WithDefault("false")
    boolean arenaShrinkage();

    /** Verify each model file's SHA-256 against its descriptor at start-up. */
    @WithDefault("true")
    boolean verifyChecksums();

    /**
     * Load (and warm up) every model while the function starts, before readiness reports UP, so the first event
     * finds them ready. A command-line run sets it to false for itself: a command loads the models when it first
     * needs them, and {@code --help}, {@code --version} or a wrong command line load none.
     */
    @WithDefault("true")
    boolean loadAtStart();

    /**
     * Load the models at the same time, one thread each, instead of one after the other. Off by default: on the
     * 2 cores of a pod it made start-up no faster (README 'Measured': cold start).
     */
    @WithDefault("false")
    boolean parallelLoad();

    /**
     * Run each model once on a small grey image as it is loaded, so that ONNX Runtime's first-run set-up (and
     * the loading of OpenCV's native libraries) is paid before readiness, not by the first event.
     */
    @WithDefault("true")
    boolean warmUp();
}
