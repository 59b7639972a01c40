package dev.anonymizer.tools;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.anonymizer.detection.InputTensorFactory;
import dev.anonymizer.detection.ModelDescriptor;
import dev.anonymizer.detection.ModelSession;
import dev.anonymizer.support.TestImages;

/**
 * Measures the activation ranges the int8 object model {@code nanodet-416-int8} is quantized with
 * ({@code models/tools/quantize_qdq.py}): the float model, folded and with every convolution's input and output as
 * extra graph outputs ({@code quantize_qdq.py augment}), sees the committed photos letterboxed into its 416 x 416
 * input as the object search shows them: each photo whole, its four quadrants and its centre (the tiles of a large
 * photo). Each tensor's range runs from the {@code 100 - P} to the {@code P} percentile of the values seen
 * ({@code -Dcalibration.percentile=P}, default 100: the smallest and largest value). Unlike the text model's, NanoDet's
 * ranges have no far outliers (min-max is at most ~1.5x the 99.99 percentiles), and a detection is made of the
 * largest activations: the mixed model's scores of the float model's boxes were 0.013 lower on average with the 99.999
 * percentiles, 0.006 with min-max, and the 99.99 percentiles lost three persons of kite.jpg.
 * Written to
 * {@code models/tools/nanodet-416-int8.ranges.json} or the file {@code -Dcalibration.ranges=PATH} names. No labelled
 * evaluation photo is used, so the recall measured on {@code ../shared/eval} stays an honest test. Run on purpose:
 * <pre>
 * /usr/bin/python3 models/tools/fold_affine.py models/nanodet-416.onnx models/tools/.work/nanodet-folded.onnx
 * /usr/bin/python3 models/tools/quantize_qdq.py augment models/tools/.work/nanodet-folded.onnx models/tools/.work/nanodet-augmented.onnx
 * ./mvnw test -Pbenchmark -Dtest=ObjectModelCalibrationTest
 * </pre>
 */
@Tag("benchmark")
class ObjectModelCalibrationTest {

    private static final Path AUGMENTED = Path.of("models/tools/.work/nanodet-augmented.onnx");
    private static final Path RANGES = Path.of("models/tools/nanodet-416-int8.ranges.json");
    private static final List<String> PHOTOS = List.of("dog.jpg", "person.jpg", "kite.jpg", "messi5.jpg",
            "grace_hopper_512x512.jpg", "licenseplate_motion.jpg");
    /** Values kept per tensor and view (evenly strided through the tensor). */

    @Test
    void measureActivationRanges() throws OrtException, IOException {
        double percentile = Double.parseDouble(System.getProperty("calibration.percentile", "100"));
        Path rangesFile = Path.of(System.getProperty("calibration.ranges", RANGES.toString()));
        Assumptions.assumeTrue(Files.isRegularFile(AUGMENTED), "no " + AUGMENTED + ": make it first (see javadoc)");
        ModelDescriptor d = ModelSession.readDescriptor(Path.of("models"), "nanodet-416", new ObjectMapper());
        Map<String, ActivationSamples> ranges = new LinkedHashMap<>();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int views = 0;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = env.createSession(AUGMENTED.toString(), options)) {
            for (String photo : PHOTOS) {
                try (Mat bgr = TestImages.load(photo)) {
                    for (Rect r : views(bgr.cols(), bgr.rows())) {
                        try (r; Mat view = new Mat(bgr, r)) {
                            ActivationSamples.observe(env, session, d.input().name(),
                                    InputTensorFactory.prepare(view, d, 1.0), ranges);
                            views++;
                        }
                    }
                }
            }
        }
        assertFalse(ranges.isEmpty(), "no ranges measured");
        Map<String, List<Double>> out = new LinkedHashMap<>();
        ranges.forEach((k, v) -> out.put(k, v.range(percentile)));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(rangesFile.toFile(), out);
        System.out.printf("%d tensor ranges (percentile %.3f) from %d views of %d photos written to %s%n", out.size(),
                percentile, views, PHOTOS.size(), rangesFile);
    }

    /** The whole photo, its four quadrants and its centre half. */
    private static List<Rect> views(int w, int h) {
        List<Rect> views = new ArrayList<>();
        views.add(new Rect(0, 0, w, h));
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 2; x++) {
                views.add(new Rect(x * (w / 2), y * (h / 2), w / 2, h / 2));
            }
        }
        views.add(new Rect(w / 4, h / 4, w / 2, h / 2));
        return views;
    }
}
