package dev.anonymizer.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.onnxruntime.OrtEnvironment;
import dev.anonymizer.support.TestImages;

/**
 * The object models made from NanoDet by {@code models/tools/quantize_qdq.py}: {@code nanodet-416-int8} (every
 * convolution in int8) and {@code nanodet-416-int8m} (the first two in float) must find the persons and vehicles the
 * float model {@code nanodet-416} finds, on the committed photos whole and in quadrants (as the search's tiles show
 * them): every float box of score 0.5 or more (after per-class suppression) is found by the quantized model with the
 * same label, IoU 0.7 or more and a score at most {@code maxScoreDrop} lower; and the class probabilities differ
 * little on average where either model sees something (probability above 0.05).
 */
class QuantizedObjectModelTest {

    private static final Path MODELS = Path.of("models");
    private static final Set<String> PERSONS_AND_VEHICLES = Set.of("person", "car", "truck", "bus", "motorcycle");
    private static final List<String> PHOTOS = List.of("dog.jpg", "person.jpg", "kite.jpg", "messi5.jpg",
            "grace_hopper_512x512.jpg", "licenseplate_motion.jpg", "portrait_rotated_exif6.jpg");
    private static final double FLOAT_SCORE = 0.5;
    private static final double SAME_BOX_IOU = 0.7;
    /** Probabilities above this, in either model, are where the model sees something. */
    private static final double SEEN = 0.05;

    private static ModelSession floats;
    private static final List<Mat> VIEWS = new ArrayList<>();
    private static final List<String> VIEW_NAMES = new ArrayList<>();
    private static final List<Map<String, float[]>> FLOAT_SCORES = new ArrayList<>();
    private static final List<List<Detection>> FLOAT_BOXES = new ArrayList<>();

    @BeforeAll
    static void runTheFloatModel() {
        floats = open("nanodet-416");
        NanoDetDetector detector = new NanoDetDetector(floats);
        for (String photo : PHOTOS) {
            try (Mat bgr = TestImages.load(photo)) {
                int w = bgr.cols();
                int h = bgr.rows();
                int[][] views = {{0, 0, w, h}, {0, 0, w / 2, h / 2}, {w / 2, 0, w / 2, h / 2}, {0, h / 2, w / 2, h / 2},
                        {w / 2, h / 2, w / 2, h / 2}};
                for (int[] v : views) {
                    try (Rect r = new Rect(v[0], v[1], v[2], v[3]); Mat roi = new Mat(bgr, r)) {
                        Mat view = roi.clone();
                        VIEWS.add(view);
                        VIEW_NAMES.add(photo + " " + v[0] + "," + v[1] + " " + v[2] + "x" + v[3]);
                        Inference run = run(detector, view, FLOAT_SCORE);
                        FLOAT_SCORES.add(run.scores());
                        FLOAT_BOXES.add(suppressed(run.found()));
                    }
                }
            }
        }
    }

    @AfterAll
    static void close() {
        floats.close();
        VIEWS.forEach(Mat::close);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"nanodet-416-int8, 0.02, 0.2", "nanodet-416-int8m, 0.01, 0.15"})
    void theQuantizedModelFindsWhatTheFloatModelFinds(String id, double maxSeenDiff, double maxScoreDrop) {
        int wanted = FLOAT_BOXES.stream().mapToInt(List::size).sum();
        assertTrue(wanted >= 20, "the float model finds persons and vehicles on the committed photos: " + wanted);
        double diff = 0;
        long seen = 0;
        double worstDrop = 0;
        try (ModelSession quantized = open(id)) {
            NanoDetDetector detector = new NanoDetDetector(quantized);
            for (int i = 0; i < VIEWS.size(); i++) {
                Inference run = run(detector, VIEWS.get(i), FLOAT_SCORE - maxScoreDrop);
                Map<String, float[]> q = run.scores();
                for (Map.Entry<String, float[]> e : FLOAT_SCORES.get(i).entrySet()) {
                    float[] p = e.getValue();
                    float[] r = q.get(e.getKey());
                    assertEquals(p.length, r.length);
                    for (int j = 0; j < p.length; j++) {
                        if (p[j] > SEEN || r[j] > SEEN) {
                            diff += Math.abs(p[j] - r[j]);
                            seen++;
                        }
                    }
                }
                List<Detection> found = run.found();
                for (Detection f : FLOAT_BOXES.get(i)) {
                    double best = found.stream()
                            .filter(d -> d.label().equals(f.label()) && d.box().iou(f.box()) >= SAME_BOX_IOU)
                            .mapToDouble(Detection::score).max().orElse(0);
                    worstDrop = Math.max(worstDrop, f.score() - best);
                    assertTrue(f.score() - best <= maxScoreDrop, id + " on " + VIEW_NAMES.get(i) + ": the float model's "
                            + f + " found with score " + best + " (IoU >= " + SAME_BOX_IOU + ")");
                }
            }
        }
        double meanDiff = diff / seen;
        System.out.printf("%s: %d float boxes found, largest score drop %.3f; mean |p - q| where seen %.4f%n", id,
                wanted, worstDrop, meanDiff);
        assertTrue(meanDiff < maxSeenDiff, "mean probability difference where seen " + meanDiff);
    }

    private static ModelSession open(String id) {
        return ModelSession.open(OrtEnvironment.getEnvironment(), MODELS,
                ModelSession.readDescriptor(MODELS, id, new ObjectMapper()), 1, true, ModelSession.InferenceListener.NONE);
    }

    /** One inference: the class probabilities per level and the detections above a score. */
    private record Inference(Map<String, float[]> scores, List<Detection> found) {
    }

    private static Inference run(NanoDetDetector detector, Mat view, double minScore) {
        ModelSession s = detector.session;
        PreparedInput in = InputTensorFactory.prepare(view, s.descriptor(), 1.0);
        Map<String, OutputTensors.FloatOutput> outputs = s.infer(in, detector.outputNames());
        Map<String, float[]> scores = new HashMap<>();
        s.descriptor().params(NanoDetDetector.Params.class).levels()
                .forEach(l -> scores.put(l.scores(), outputs.get(l.scores()).values()));
        return new Inference(scores, detector.decode(in, outputs, view, minScore));
    }

    /** Persons and vehicles, the best of each group of same-label boxes overlapping by IoU > 0.5. */
    private static List<Detection> suppressed(List<Detection> all) {
        List<Detection> sorted = new ArrayList<>(all.stream().filter(d -> PERSONS_AND_VEHICLES.contains(d.label()))
                .toList());
        sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection d : sorted) {
            if (kept.stream().noneMatch(k -> k.label().equals(d.label()) && k.box().iou(d.box()) > 0.5)) {
                kept.add(d);
            }
        }
        return kept;
    }
}
