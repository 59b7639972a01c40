package dev.anonymizer.tools;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
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
import java.nio.FloatBuffer;
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
    private static final int SAMPLES_PER_TENSOR = 20_000;

    @Test
    void measureActivationRanges() throws OrtException, IOException {
        double percentile = Double.parseDouble(System.getProperty("calibration.percentile", "99.999"));
        Path rangesFile = Path.of(System.getProperty("calibration.ranges", RANGES.toString()));
        Assumptions.assumeTrue(Files.isRegularFile(AUGMENTED), "no " + AUGMENTED + ": make it first (see javadoc)");
        ModelDescriptor d = ModelSession.readDescriptor(Path.of("models"), "ppocr-v4-det", new ObjectMapper());
        Map<String, Samples> ranges = new LinkedHashMap<>();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = env.createSession(AUGMENTED.toString(), options)) {
            for (String photo : PHOTOS) {
                try (Mat bgr = TestImages.load(photo)) {
                    for (double scale : SCALES) {
                        double s = Math.min(scale, Math.sqrt(MAX_INPUT_PIXELS / ((double) bgr.cols() * bgr.rows())));
                        PreparedInput in = InputTensorFactory.prepare(bgr, d, s);
                        observe(env, session, d.input().name(), in, ranges);
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

    /** Values seen in one tensor: a strided sample of each run. */
    private static final class Samples {
        private float[] values = new float[SAMPLES_PER_TENSOR];
        private int size;

        void add(FloatBuffer all) {
            int n = all.remaining();
            int stride = Math.max(1, n / SAMPLES_PER_TENSOR);
            int start = all.position();
            for (int i = 0; i < n; i += stride) {
                if (size == values.length) {
                    values = java.util.Arrays.copyOf(values, values.length * 2);
                }
                values[size++] = all.get(start + i);
            }
        }

        List<Double> range(double percentile) {
            float[] sorted = java.util.Arrays.copyOf(values, size);
            java.util.Arrays.sort(sorted);
            int hi = (int) Math.min(size - 1, Math.ceil(percentile / 100 * (size - 1)));
            int lo = (int) Math.max(0, Math.floor((1 - percentile / 100) * (size - 1)));
            return List.of((double) sorted[lo], (double) sorted[hi]);
        }
    }

    private static void observe(OrtEnvironment env, OrtSession session, String inputName, PreparedInput in,
            Map<String, Samples> ranges) throws OrtException {
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, in.values(), in.shape());
                OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            for (Map.Entry<String, OnnxValue> e : result) {
                ranges.computeIfAbsent(e.getKey(), k -> new Samples()).add(((OnnxTensor) e.getValue()).getFloatBuffer());
            }
        }
        // the image input itself is quantized too (the first convolution reads it)
        FloatBuffer values = in.values().duplicate();
        values.rewind();
        ranges.computeIfAbsent(inputName, k -> new Samples()).add(values);
    }
}
