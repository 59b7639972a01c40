package dev.anonymizer.detection;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.onnxruntime.OrtEnvironment;
import dev.anonymizer.support.TestImages;

/**
 * The text detector reads the probability map where ONNX Runtime wrote it and thresholds it in OpenCV: the map is
 * the one the copying path reads, and the mask splits the float probabilities exactly as {@code p > threshold} in
 * double precision does.
 */
class DbnetTextDetectorTest {

    private static final double[] THRESHOLDS = {0.3, 0.1, 0.5, 0.25, 1.0 / 3, 0.7};

    @Test
    void theFloatThresholdSplitsFloatsAsTheDoubleComparisonDoes() {
        Random random = new Random(17);
        for (double t : THRESHOLDS) {
            float f = DbnetTextDetector.strictFloatThreshold(t);
            float near = (float) t;
            List<Float> probes = new ArrayList<>(List.of(near, Math.nextUp(near), Math.nextDown(near),
                    Math.nextUp(Math.nextUp(near)), Math.nextDown(Math.nextDown(near)), 0f, 1f));
            for (int i = 0; i < 10_000; i++) {
                probes.add(random.nextFloat());
            }
            for (float p : probes) {
                assertEquals(p > t, p > f, "p " + p + " against threshold " + t + " (float " + f + ")");
            }
        }
    }

    @Test
    void theMaskIsSetWhereTheMapIsAboveTheThreshold() {
        Random random = new Random(5);
        int w = 64;
        int h = 48;
        float[] values = new float[w * h];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        // the float nearest each threshold and its neighbours, where rounding the threshold could flip a pixel
        int k = 0;
        for (double t : THRESHOLDS) {
            float near = (float) t;
            values[k++] = near;
            values[k++] = Math.nextUp(near);
            values[k++] = Math.nextDown(near);
        }
        try (FloatPointer data = new FloatPointer(values); Mat prob = new Mat(h, w, CV_32FC1, data)) {
            for (double t : THRESHOLDS) {
                try (Mat mask = DbnetTextDetector.maskAbove(prob, t)) {
                    byte[] got = new byte[w * h];
                    try (BytePointer bytes = mask.data()) {
                        bytes.capacity(got.length).get(got);
                    }
                    byte[] expected = new byte[w * h];
                    for (int i = 0; i < values.length; i++) {
                        expected[i] = values[i] > t ? (byte) 255 : 0;
                    }
                    assertArrayEquals(expected, got, "mask at " + t);
                }
            }
        }
    }

    /** ONNX Runtime writes the same map into the detector's own buffer as it hands out to be copied. */
    @Test
    void theMapWrittenInPlaceIsTheMapCopiedOut() {
        Path dir = Path.of("models");
        ModelDescriptor d = ModelSession.readDescriptor(dir, "ppocr-v4-det-int8m", new ObjectMapper());
        String name = d.outputs().get(0).name();
        try (ModelSession s = ModelSession.open(OrtEnvironment.getEnvironment(), dir, d, 1, true,
                ModelSession.InferenceListener.NONE); Mat photo = TestImages.load("licenseplate_motion.jpg")) {
            PreparedInput input = InputTensorFactory.prepare(photo, d, 1.5);
            Map<String, OutputTensors.FloatOutput> copied = s.infer(input, List.of(name));
            float[] expected = copied.get(name).values();
            int h = input.inputHeight();
            int w = input.inputWidth();
            assertEquals(h * w, expected.length);
            float[] got = new float[h * w];
            try (FloatPointer map = new FloatPointer((long) h * w)) {
                s.runInto(input, name, map.asBuffer(), new long[] {1, 1, h, w});
                map.get(got);
            }
            assertArrayEquals(expected, got);
            long textPixels = 0;
            for (float p : got) {
                textPixels += p > 0.3 ? 1 : 0;
            }
            assertTrue(textPixels > 100, "the plate enlarged 1.5x is text: " + textPixels + " pixels above 0.3");
        }
    }
}
