package dev.anonymizer.benchmark;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.onnxruntime.OrtEnvironment;
import dev.anonymizer.detection.DbnetTextDetector;
import dev.anonymizer.detection.Detector;
import dev.anonymizer.detection.ModelDescriptor;
import dev.anonymizer.detection.ModelSession;
import dev.anonymizer.detection.NanoDetDetector;
import dev.anonymizer.detection.YuNetDetector;
import dev.anonymizer.support.TestImages;

/**
 * Pure inference time per bundled model (ONNX Runtime {@code run} only, one intra-op thread as configured by
 * default): median and p95 of 15 runs after 3 warm-up runs, on a real photo enlarged to 1920x1080. The line "one
 * pass of each" is the floor the 1920x1080 end-to-end time is compared against: the face model at the photo's own
 * size, the (int8) text model at a long side of 960 and the object model at its 416 input; the float text model is
 * measured beside it, and the mixed int8 text model. Run on purpose:
 * {@code ./mvnw verify -Pbenchmark -Dtest=ModelInferenceBenchmarkTest}.
 */
@Tag("benchmark")
class ModelInferenceBenchmarkTest {

    private record Case(String model, double scale, String what) {
    }

    @Test
    void inferenceTimePerModel() {
        ObjectMapper json = new ObjectMapper();
        Path dir = Path.of("models");
        List<Case> cases = List.of(new Case("yunet-n", 1.0, "1920x1088"), new Case("yunet-n", 0.5, "960x544"),
                new Case("ppocr-v4-det", 0.5, "960x544"), new Case("ppocr-v4-det", 1.0, "1920x1088"),
                new Case("ppocr-v4-det-int8", 0.5, "960x544"), new Case("ppocr-v4-det-int8", 1.0, "1920x1088"),
                new Case("ppocr-v4-det-int8m", 0.5, "960x544"),
                new Case("nanodet-416", 1.0, "416x416"));
        double onePassOfEach = 0;
        double floatText = 0;
        double int8Text = 0;
        System.out.printf("%-14s %-10s %8s %8s%n", "model", "input", "median", "p95");
        try (Mat kite = TestImages.load("kite.jpg"); Mat img = new Mat(); Size size = new Size(1920, 1080)) {
            resize(kite, img, size, 0, 0, INTER_CUBIC);
            for (Case c : cases) {
                ModelDescriptor d = ModelSession.readDescriptor(dir, c.model(), json);
                List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
                try (ModelSession s = ModelSession.open(OrtEnvironment.getEnvironment(), dir, d, 1, true,
                        (model, n) -> nanos.add(n))) {
                    Detector det = switch (d.family()) {
                        case "dbnet" -> new DbnetTextDetector(s, 0.3, 1.6, 3);
                        case "yunet" -> new YuNetDetector(s);
                        default -> new NanoDetDetector(s);
                    };
                    for (int i = 0; i < 18; i++) {
                        det.detect(img, c.scale(), 0.5);
                    }
                }
                List<Long> timed = new ArrayList<>(nanos.subList(3, nanos.size()));
                Collections.sort(timed);
                double median = timed.get(timed.size() / 2) / 1e6;
                System.out.printf("%-14s %-10s %6.1f ms %6.1f ms%n", c.model(), c.what(), median,
                        timed.get((int) Math.ceil(0.95 * timed.size()) - 1) / 1e6);
                boolean floor = c.model().equals("yunet-n") && c.scale() == 1.0
                        || c.model().equals("ppocr-v4-det-int8") && c.scale() == 0.5 || c.model().equals("nanodet-416");
                onePassOfEach += floor ? median : 0;
                floatText += c.model().equals("ppocr-v4-det") && c.scale() == 0.5 ? median : 0;
                int8Text += c.model().equals("ppocr-v4-det-int8") && c.scale() == 0.5 ? median : 0;
            }
        }
        System.out.printf("one pass of each (yunet-n 1920x1088 + ppocr-v4-det-int8 960x544 + nanodet-416): %.1f ms"
                + " (%d cores, intra-op threads 1); with the float ppocr-v4-det instead: %.1f ms%n", onePassOfEach,
                Runtime.getRuntime().availableProcessors(), onePassOfEach + floatText - int8Text);
    }
}
