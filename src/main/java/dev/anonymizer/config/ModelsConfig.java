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
     * ONNX Runtime intra-op threads per session. 1 gives the most images per CPU second where every core has an
     * image of its own (the commands, backfill, two events at once), and a photo alone uses the idle cores through
     * {@link #parallelInferences()} (pipeline benchmark with 1 / 2 threads: 3.67 / 2.94 images/s at concurrency 1,
     * 5.02 / 4.42 at concurrency 2).
     */
    @WithDefault("1")
    int intraOpThreads();

    /**
     * ONNX Runtime's CPU arena gives its unused chunks back after every inference. Off, the arena keeps its buffers
     * for the next inference. The manifest's low-memory variant turns it on together with glibc's
     * {@code MALLOC_MMAP_THRESHOLD_=131072} and {@code GLIBC_TUNABLES=glibc.malloc.hugetlb=1}, one model input at a
     * time: 294 against 692-747 MiB after 100 photos, for ~40% more CPU. On alone, without those variables, it lowered RSS little and cost more
     * time (freed buffers fragment glibc's heap and are page-faulted in anew).
     */
    @WithDefault("false")
    boolean arenaShrinkage();

    /**
     * ONNX Runtime's idle intra-op threads spin while they wait for work (its own default) instead of sleeping. Off:
     * with 2 threads per inference on 2 cores, spinning took the pipeline from 2.86 to 1.98 images/s at concurrency
     * 1 and from 3.25 to 2.14 at concurrency 2 (the spinning threads take the core the other inference needs).
     */
    @WithDefault("false")
    boolean threadSpinning();

    /**
     * How many model inputs of one search step (its passes and packed canvases) may run at once in the process, the
     * request's own thread included; 0: one per available processor. A photo alone then uses the idle cores, one
     * input each; where every core already has a photo (two events at once, the commands' parallel files) each
     * photo runs its own inputs. 1: every input in its request's thread, one after the other.
     */
    @WithDefault("0")
    int parallelInferences();

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
