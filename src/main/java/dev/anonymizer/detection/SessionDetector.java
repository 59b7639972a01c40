package dev.anonymizer.detection;

import org.bytedeco.opencv.opencv_core.Mat;

/** What every model family's detector shares: its session, its descriptor, and input preparation by descriptor. */
abstract class SessionDetector implements Detector {

    protected final ModelSession session;

    SessionDetector(ModelSession session) {
        this.session = session;
    }

    @Override
    public ModelDescriptor model() {
        return session.descriptor();
    }

    @Override
    public double nanosPerInputPixel() {
        return session.nanosPerInputPixel();
    }

    /** The input tensor for {@code bgr} at {@code scale}, as the descriptor says. */
    protected PreparedInput prepare(Mat bgr, double scale) {
        return InputTensorFactory.prepare(bgr, session.descriptor(), scale);
    }
}
