package dev.anonymizer.tools;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.anonymizer.detection.PreparedInput;

/**
 * Values seen in one tensor of a calibration run (a strided sample of each run), and their range at a percentile:
 * what the calibration tests of the int8 models record (`TextModelCalibrationTest`, `ObjectModelCalibrationTest`).
 */
final class ActivationSamples {

    private static final int SAMPLES_PER_TENSOR = 20_000;
    private float[] values = new float[SAMPLES_PER_TENSOR];
    private int size;

    void add(FloatBuffer all) {
        int n = all.remaining();
        int stride = Math.max(1, n / SAMPLES_PER_TENSOR);
        int start = all.position();
        for (int i = 0; i < n; i += stride) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = all.get(start + i);
        }
    }

    /** [low, high]: the values at {@code 100 - percentile} and {@code percentile} percent (100: min and max). */
    List<Double> range(double percentile) {
        float[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int hi = (int) Math.min(size - 1, Math.ceil(percentile / 100 * (size - 1)));
        int lo = (int) Math.max(0, Math.floor((1 - percentile / 100) * (size - 1)));
        return List.of((double) sorted[lo], (double) sorted[hi]);
    }

    /**
     * Runs the augmented {@code session} (every tensor whose range is needed is an output) on {@code in} and adds
     * each output's values, and the input's, to {@code ranges}.
     */
    static void observe(OrtEnvironment env, OrtSession session, String inputName, PreparedInput in,
            Map<String, ActivationSamples> ranges) throws OrtException {
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, in.values(), in.shape());
                OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            for (Map.Entry<String, OnnxValue> e : result) {
                ranges.computeIfAbsent(e.getKey(), k -> new ActivationSamples())
                        .add(((OnnxTensor) e.getValue()).getFloatBuffer());
            }
        }
        // the image input itself is quantized too (the first convolution reads it)
        FloatBuffer values = in.values().duplicate();
        values.rewind();
        ranges.computeIfAbsent(inputName, k -> new ActivationSamples()).add(values);
    }
}
