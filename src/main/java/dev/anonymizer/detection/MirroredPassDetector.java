package dev.anonymizer.detection;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

import dev.anonymizer.region.Box;

/**
 * Runs a detector on the image and on its mirror image, and returns both passes' finds in the image's pixels. A
 * face the model scores just under the threshold one way round often scores over it the other way (a second look
 * that costs one more inference and no more memory than one copy of the input).
 */
final class MirroredPassDetector implements Detector {

    private final Detector inner;

    MirroredPassDetector(Detector inner) {
        this.inner = inner;
    }

    @Override
    public List<Detection> detect(Mat bgr, double minScore) {
        return detectCloser(bgr, minScore, 1.0);
    }

    @Override
    public List<Detection> detectCloser(Mat bgr, double minScore, double maxUpscale) {
        List<Detection> found = new ArrayList<>(inner.detectCloser(bgr, minScore, maxUpscale));
        int w = bgr.cols();
        try (Mat mirrored = new Mat()) {
            opencv_core.flip(bgr, mirrored, 1);
            for (Detection d : inner.detectCloser(mirrored, minScore, maxUpscale)) {
                Box b = d.box();
                found.add(new Detection(d.label(), d.score(), new Box(w - b.x2(), b.y1(), w - b.x1(), b.y2())));
            }
        }
        return found;
    }

    @Override
    public ModelDescriptor model() {
        return inner.model();
    }
}
