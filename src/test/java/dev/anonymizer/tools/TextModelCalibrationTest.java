package dev.anonymizer.tools;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.anonymizer.detection.InputTensorFactory;
import dev.anonymizer.detection.ModelDescriptor;
import dev.anonymizer.detection.ModelSession;
import dev.anonymizer.detection.PreparedInput;
import dev.anonymizer.support.TestImages;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Measures the activation ranges the int8 text models are quantized with ({@code models/tools/quantize_qdq.py}): the
 * float model, folded and with every convolution's input and output as extra graph outputs
 * ({@code quantize_qdq.py augment}), runs on the committed photos at several scales, prepared exactly as the text
 * detector prepares its input; each tensor's range runs from the {@code 100 - P} to the {@code P} percentile of the
 * values seen ({@code -Dcalibration.percentile=P}, default 99.999: min-max ranges let a few outliers stretch the
 * neck's outputs to thousands and leave every other value a few levels, while the 99.99 percentiles clipped what
 * small text makes, a few pixels among the largest values of the neck and the head, and lost plates). Written to
 * {@code models/tools/ppocr-v4-det-int8.ranges.json} (both {@code ppocr-v4-det-int8} and {@code ppocr-v4-det-int8m}
 * use it), or the file {@code -Dcalibration.ranges=PATH} names. Calibration uses no labelled evaluation photo, so
 * the recall measured on {@code ../shared/eval} stays an honest test of the quantized models. Run on purpose:
 * <pre>
 * /usr/bin/python3 models/tools/fold_affine.py models/ppocr-v4-det.onnx models/tools/.work/ppocr-folded.onnx
 * /usr/bin/python3 models/tools/quantize_qdq.py augment models/tools/.work/ppocr-folded.onnx models/tools/.work/ppocr-augmented.onnx
 * ./mvnw test -Pbenchmark -Dtest=TextModelCalibrationTest
 * </pre>
 */
@Tag("benchmark")
class TextModelCalibrationTest {

    private static final Path AUGMENTED = Path.of("models/tools/.work/ppocr-augmented.onnx");
    private static final Path RANGES = Path.of("models/tools/ppocr-v4-det-int8.ranges.json");
    /** Photos and the scales they are seen at: the whole-image passes shrink, the closer looks enlarge. */
    private static final List<String> PHOTOS = List.of("licenseplate_motion.jpg", "messi5.jpg", "kite.jpg", "dog.jpg",
            "person.jpg", "grace_hopper_512x512.jpg");
    private static final double[] SCALES = {0.5, 1.0, 2.0};
    /** Inputs larger than this are seen at a smaller scale (memory of the augmented model). */
    private static final double MAX_INPUT_PIXELS = 2.2e6;

    /** Values kept per tensor and photo for the percentiles (evenly strided through the tensor). */

    @Test
    void measureActivationRanges() throws OrtException, IOException {
        double percentile = Double.parseDouble(System.getProperty("calibration.percentile", "99.999"));
        Path rangesFile = Path.of(System.getProperty("calibration.ranges", RANGES.toString()));
        Assumptions.assumeTrue(Files.isRegularFile(AUGMENTED), "no " + AUGMENTED + ": make it first (see javadoc)");
        ModelDescriptor d = ModelSession.readDescriptor(Path.of("models"), "ppocr-v4-det", new ObjectMapper());
        Map<String, ActivationSamples> ranges = new LinkedHashMap<>();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = env.createSession(AUGMENTED.toString(), options)) {
            for (String photo : PHOTOS) {
                try (Mat bgr = TestImages.load(photo)) {
                    for (double scale : SCALES) {
                        double s = Math.min(scale, Math.sqrt(MAX_INPUT_PIXELS / ((double) bgr.cols() * bgr.rows())));
                        PreparedInput in = InputTensorFactory.prepare(bgr, d, s);
                        ActivationSamples.observe(env, session, d.input().name(), in, ranges);
                    }
                }
            }
        }
        assertFalse(ranges.isEmpty(), "no ranges measured");
        Map<String, List<Double>> out = new LinkedHashMap<>();
        ranges.forEach((k, v) -> out.put(k, v.range(percentile)));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(rangesFile.toFile(), out);
        System.out.printf("%d tensor ranges (percentile %.3f) from %d photos x %d scales written to %s%n", out.size(),
                percentile, PHOTOS.size(), SCALES.length, rangesFile);
    }
}
