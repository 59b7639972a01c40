package dev.anonymizer.detection;

import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One model family's pre- and post-processing around a {@link ModelSession}. Implementations are thread-safe.
 * Which scales and crops a detector sees is decided by the search plan ({@code detection.plan}), not here.
 */
public interface Detector {

    /**
     * Runs the model once on a BGR 8-bit image (the whole photo, a tile or a crop) and returns boxes in that image's
     * pixels. A free-size model sees the image scaled by {@code scale}; a fixed-size model fits the image into its
     * input and ignores {@code scale} (the plan gives it crops of the right size instead).
     *
     * @param minScore detections below this score are dropped
     */
    List<Detection> detect(Mat bgr, double scale, double minScore);

    /**
     * As {@link #detect}, and also the boxes (in that image's pixels) of every blob whose probability exceeds
     * {@code nominateThreshold}, a finer scale's to judge. A detector without a probability map nominates nothing.
     */
    default Probed probe(Mat bgr, double scale, double minScore, double nominateThreshold) {
        return new Probed(detect(bgr, scale, minScore), java.util.List.of());
    }

    /** The model this detector runs. */
    ModelDescriptor model();

    /**
     * About how many nanoseconds one model-input pixel has recently taken (0 when not known yet): the search runs
     * the costliest inputs of a step first, so that no core is left idle while another runs the last large one.
     */
    default double nanosPerInputPixel() {
        return 0;
    }
}
