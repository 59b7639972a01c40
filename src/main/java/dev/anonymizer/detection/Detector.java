package dev.anonymizer.detection;

import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One model family's pre- and post-processing around a {@link ModelSession}. Implementations are thread-safe.
 */
public interface Detector {

    /**
     * Runs the model on a BGR 8-bit image (which may be a crop or tile) and returns boxes in that image's pixels.
     *
     * @param minScore detections below this score are dropped
     */
    List<Detection> detect(Mat bgr, double minScore);

    /**
     * As {@link #detect(Mat, double)}, for a crop the caller wants looked at more closely: a detector whose input
     * size follows the image may enlarge it up to {@code maxUpscale} times. Fixed-size detectors resize to their
     * input anyway, which enlarges small crops by itself.
     */
    default List<Detection> detectCloser(Mat bgr, double minScore, double maxUpscale) {
        return detect(bgr, minScore);
    }

    /** The model this detector runs. */
    ModelDescriptor model();
}
