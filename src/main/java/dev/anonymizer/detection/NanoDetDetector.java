package dev.anonymizer.detection;

import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;

/** Placeholder until the decoder is written. */
public final class NanoDetDetector implements Detector {
    private final ModelSession session;

    public NanoDetDetector(ModelSession session) {
        this.session = session;
    }

    @Override
    public ModelDescriptor model() {
        return session.descriptor();
    }

    @Override
    public List<Detection> detect(Mat bgr, double minScore) {
        throw new UnsupportedOperationException("not yet");
    }
}
