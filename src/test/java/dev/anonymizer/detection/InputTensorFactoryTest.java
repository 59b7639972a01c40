package dev.anonymizer.detection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.support.TestImages;

/**
 * The input tensor filled by OpenCV per channel plane holds, value for value, what the descriptor's normalisation
 * gives pixel by pixel: channel order, scale, mean, std, and the padding to the size multiple or the letterbox.
 */
class InputTensorFactoryTest {

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({"yunet-n,1.0", "yunet-n,0.37", "ppocr-v4-det,1.4", "ppocr-v4-det,0.5", "nanodet-416,1.0"})
    void everyValueIsTheDescriptorsNormalisationOfItsPixel(String model, double scale) {
        ModelDescriptor d = ModelSession.readDescriptor(Path.of("models"), model, new ObjectMapper());
        try (Mat photo = TestImages.load("dog.jpg")) {
            PreparedInput in = InputTensorFactory.prepare(photo, d, scale);
            float[] expected = reference(photo, d, InputTensorFactory.geometry(photo.cols(), photo.rows(), d.input(),
                    scale));
            float[] actual = new float[in.values().capacity()];
            in.values().get(0, actual);
            assertEquals(expected.length, actual.length);
            assertArrayEquals(expected, actual, 1e-5f);
        }
    }

    /** The tensor computed the plain way: every pixel of the resized image, one at a time. */
    private static float[] reference(Mat bgr, ModelDescriptor d, InputTensorFactory.Geometry g) {
        ModelDescriptor.Input in = d.input();
        byte[] pixels = new byte[g.drawW() * g.drawH() * 3];
        try (Mat resized = new Mat()) {
            ModelInputResize.resize(bgr, resized, g.drawW(), g.drawH(), in.shrinking());
            resized.data().get(pixels);
        }
        List<Double> mean = in.mean();
        List<Double> std = in.std();
        int[] src = in.rgb() ? new int[] {2, 1, 0} : new int[] {0, 1, 2};
        double pad = in.padValue() == null ? 0 : in.padValue();
        int plane = g.inW() * g.inH();
        float[] out = new float[3 * plane];
        for (int c = 0; c < 3; c++) {
            float mul = (float) (in.scale() / std.get(c));
            float add = (float) (-mean.get(c) / std.get(c));
            for (int y = 0; y < g.inH(); y++) {
                for (int x = 0; x < g.inW(); x++) {
                    int sx = x - g.offX();
                    int sy = y - g.offY();
                    boolean inside = sx >= 0 && sx < g.drawW() && sy >= 0 && sy < g.drawH();
                    float v = inside ? (pixels[(sy * g.drawW() + sx) * 3 + src[c]] & 0xFF) * mul + add
                            : (float) (pad * mul + add);
                    int i = in.nchw() ? c * plane + y * g.inW() + x : (y * g.inW() + x) * 3 + c;
                    out[i] = v;
                }
            }
        }
        return out;
    }
}
