package dev.anonymizer.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.onnxruntime.OrtEnvironment;
import dev.anonymizer.detection.BlazeFaceDetector;
import dev.anonymizer.detection.DbnetTextDetector;
import dev.anonymizer.detection.Detector;
import dev.anonymizer.detection.ModelDescriptor;
import dev.anonymizer.detection.ModelSession;
import dev.anonymizer.detection.NanoDetDetector;
import dev.anonymizer.detection.RetinaFaceDetector;
import dev.anonymizer.detection.SsdDetector;
import dev.anonymizer.support.TestImages;

/**
 * Pure inference time per bundled model (ONNX Runtime {@code run} only, one intra-op thread as configured by
 * default): median and p95 of 21 runs after 5 warm-up runs, on real photos. Run on purpose:
 * {@code ./mvnw verify -Pbenchmark -Dtest=ModelInferenceBenchmarkTest}.
 */
@Tag("benchmark")
class ModelInferenceBenchmarkTest {

    @Test
    void inferenceTimePerModel() {
        ObjectMapper json = new ObjectMapper();
        Path dir = Path.of("models");
        System.out.printf("%-22s %-10s %-14s %8s %8s%n", "model", "family", "input", "median", "p95");
        for (String id : List.of("ppocr-v4-det", "blazeface-full-192", "blazeface-back-256", "ssd-mobilenetv1-face",
                "retinaface-mnet025-v1", "retinaface-mnet025-v2", "nanodet-416")) {
            ModelDescriptor d = ModelSession.readDescriptor(dir, id, json);
            List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
            try (ModelSession s = ModelSession.open(OrtEnvironment.getEnvironment(), dir, d, 1, true,
                    (model, n) -> nanos.add(n)); Mat img = TestImages.load("dog.jpg")) {
                Detector det = switch (d.family()) {
                    case "dbnet" -> new DbnetTextDetector(s, 0.3, 1.6, 3, null);
                    case "blazeface" -> new BlazeFaceDetector(s, 0.3);
                    case "ssd" -> new SsdDetector(s);
                    case "retinaface" -> new RetinaFaceDetector(s);
                    default -> new NanoDetDetector(s);
                };
                for (int i = 0; i < 26; i++) {
                    det.detect(img, 0.5);
                }
            }
            List<Long> timed = new ArrayList<>(nanos.subList(5, nanos.size()));
            Collections.sort(timed);
            String input = d.input().fixedWidth() > 0 ? d.input().fixedWidth() + "x" + d.input().fixedHeight()
                    : "768x576 (dog)";
            System.out.printf("%-22s %-10s %-14s %6.1f ms %6.1f ms%n", id, d.family(), input,
                    timed.get(timed.size() / 2) / 1e6, timed.get((int) Math.ceil(0.95 * timed.size()) - 1) / 1e6);
        }
        System.out.println("(" + Map.of("cores", Runtime.getRuntime().availableProcessors()) + ", intra-op threads 1)");
    }
}
