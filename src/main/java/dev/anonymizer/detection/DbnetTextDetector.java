package dev.anonymizer.detection;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.greaterThan;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_imgproc.CHAIN_APPROX_SIMPLE;
import static org.bytedeco.opencv.global.opencv_imgproc.RETR_LIST;
import static org.bytedeco.opencv.global.opencv_imgproc.arcLength;
import static org.bytedeco.opencv.global.opencv_imgproc.boundingRect;
import static org.bytedeco.opencv.global.opencv_imgproc.contourArea;
import static org.bytedeco.opencv.global.opencv_imgproc.findContours;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatExpr;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;

import dev.anonymizer.region.Box;

/**
 * DBNet text detection (PaddleOCR PP-OCR det): a per-pixel text probability map, thresholded into blobs; each blob
 * scored by its mean probability and grown ("unclipped") by {@code area * ratio / perimeter}, as PaddleOCR does.
 * Boxes are axis-aligned: a rotated plate is covered by its bounding box.
 */
public final class DbnetTextDetector extends SessionDetector {

    private final double pixelThreshold;
    private final double unclipRatio;
    private final int minSide;

    public DbnetTextDetector(ModelSession session, double pixelThreshold, double unclipRatio, int minSide) {
        super(session);
        this.pixelThreshold = pixelThreshold;
        this.unclipRatio = unclipRatio;
        this.minSide = minSide;
    }

    @Override
    public List<Detection> detect(Mat bgr, double scale, double minScore) {
        return probe(bgr, scale, minScore, 0).found();
    }

    /** Finds as {@link #detect}; with a threshold above 0 also every blob above it (its grown box), nominated. */
    @Override
    public Probed probe(Mat bgr, double scale, double minScore, double nominateThreshold) {
        ModelDescriptor d = session.descriptor();
        PreparedInput input = prepare(bgr, scale);
        // the family's map is [1, 1, H, W] at the input tensor's height and width; ONNX Runtime writes it into the
        // Mat's own memory
        int h = input.inputHeight();
        int w = input.inputWidth();
        List<Detection> found = new ArrayList<>();
        List<Detection> weak = new ArrayList<>();
        try (FloatPointer probData = new FloatPointer((long) h * w);
                Mat probMat = new Mat(h, w, CV_32FC1, probData)) {
            session.runInto(input, d.outputs().get(0).name(), probData.asBuffer(), new long[] {1, 1, h, w});
            blobs(probMat, pixelThreshold, minSide, minScore, d.label(0), input, bgr, found);
            if (nominateThreshold > 0) {
                // a nomination is any blob, however thin or faint: the finer scale judges it
                blobs(probMat, nominateThreshold, 1, 0, d.label(0), input, bgr, weak);
            }
        }
        return new Probed(found, weak.stream().map(Detection::box).toList());
    }

    /**
     * The float threshold that splits float probabilities as {@code p > threshold} does in double precision:
     * OpenCV compares a float map with the threshold rounded to float.
     */
    static float strictFloatThreshold(double threshold) {
        float f = (float) threshold;
        return f > threshold ? Math.nextDown(f) : f;
    }

    /** An 8-bit mask: 255 where {@code prob} is above {@code threshold}, 0 elsewhere. */
    static Mat maskAbove(Mat prob, double threshold) {
        try (MatExpr above = greaterThan(prob, strictFloatThreshold(threshold))) {
            return above.asMat();
        }
    }

    private void blobs(Mat probMat, double threshold, int minSide, double minScore, String label,
            PreparedInput input, Mat bgr, List<Detection> out) {
        // findContours leaves its input as it was (OpenCV 3.2 on), so the mask serves the scores too
        try (Mat maskMat = maskAbove(probMat, threshold);
                MatVector contours = new MatVector();
                Mat hierarchy = new Mat()) {
            findContours(maskMat, contours, hierarchy, RETR_LIST, CHAIN_APPROX_SIMPLE);
            for (long i = 0; i < contours.size(); i++) {
                try (Mat contour = contours.get(i); Rect r = boundingRect(contour)) {
                    if (Math.min(r.width(), r.height()) < minSide) {
                        continue;
                    }
                    double score;
                    try (Mat probRoi = new Mat(probMat, r); Mat maskRoi = new Mat(maskMat, r);
                            Scalar m = mean(probRoi, maskRoi)) {
                        score = m.get(0);
                    }
                    if (score < minScore) {
                        continue;
                    }
                    double area = contourArea(contour);
                    double perimeter = arcLength(contour, true);
                    double grow = perimeter > 0 ? area * unclipRatio / perimeter : 0;
                    Box inInput = new Box(r.x() - grow, r.y() - grow, r.x() + r.width() + grow, r.y() + r.height() + grow);
                    Box box = input.toSource(inInput).clamp(bgr.cols(), bgr.rows());
                    if (box.area() > 0) {
                        out.add(new Detection(label, score, box));
                    }
                }
            }
        }
    }
}
