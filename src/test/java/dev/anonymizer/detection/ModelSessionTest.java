package dev.anonymizer.detection;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.onnxruntime.OrtEnvironment;
import dev.anonymizer.region.Box;

/**
 * Sessions and decoders are checked against their descriptors at start-up ("expected ... got ..."), and the
 * decoders of families without bundled weights (YOLO in both output layouts, RetinaFace) read tiny fixture models
 * that emit known tensors (see src/test/resources/models).
 */
class ModelSessionTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path FIXTURES = Path.of("src/test/resources/models");
    static final Path BUNDLED = Path.of("models");

    private static Mat grey(int w, int h) {
        Mat m = new Mat(h, w, CV_8UC3);
        try (Scalar s = new Scalar(128, 128, 128, 0)) {
            m.put(s);
        }
        return m;
    }

    private static List<Detection> runYolo(String id, double minScore) {
        ModelDescriptor d = ModelSession.readDescriptor(FIXTURES, id, JSON);
        try (ModelSession s = ModelSession.open(OrtEnvironment.getEnvironment(), FIXTURES, d, 1, true,
                ModelSession.InferenceListener.NONE); Mat img = grey(128, 128)) {
            List<Detection> found = new java.util.ArrayList<>(new YoloDetector(s).detect(img, 1.0, minScore));
            found.sort(Comparator.comparingDouble(Detection::score).reversed());
            return found;
        }
    }

    @Test
    void yoloV8LayoutIsDecodedAndMappedBackToImagePixels() {
        List<Detection> found = runYolo("yolo-v8-fixture", 0.3);
        assertEquals(2, found.size(), found.toString());
        assertEquals("person", found.get(0).label());
        assertEquals(0.9, found.get(0).score(), 1e-6);
        // model input 64x64, image 128x128: every coordinate doubles
        assertEquals(new Box(44, 22, 84, 42), found.get(0).box());
        assertEquals("car", found.get(1).label());
        assertEquals(0.8, found.get(1).score(), 1e-6);
        assertEquals(new Box(12, 92, 28, 108), found.get(1).box());
    }

    @Test
    void yoloV5LayoutMultipliesObjectnessAndClassScore() {
        List<Detection> found = runYolo("yolo-v5-fixture", 0.3);
        assertEquals(2, found.size(), found.toString());
        assertEquals(0.4, found.get(1).score(), 1e-6, "objectness 0.5 x class 0.8");
        assertEquals(1, runYolo("yolo-v5-fixture", 0.5).size());
    }

    /** A session learns how long an input pixel takes, which lets the search start its costliest inputs first. */
    @Test
    void aSessionMeasuresItsTimePerInputPixel() {
        ModelDescriptor d = ModelSession.readDescriptor(BUNDLED, "ppocr-v4-det-int8m", JSON);
        try (ModelSession s = ModelSession.open(OrtEnvironment.getEnvironment(), BUNDLED, d, 1, true,
                ModelSession.InferenceListener.NONE);
                Scalar mid = new Scalar(128, 128, 128, 0); Mat grey = new Mat(64, 96, CV_8UC3, mid)) {
            DbnetTextDetector det = new DbnetTextDetector(s, 0.3, 1.6, 3);
            assertEquals(0, det.nanosPerInputPixel(), "nothing measured before the first run");
            det.detect(grey, 1.0, 0.5);
            double first = det.nanosPerInputPixel();
            assertTrue(first > 0, "measured after a run: " + first);
            det.detect(grey, 2.0, 0.5);
            assertTrue(det.nanosPerInputPixel() > 0, "still positive after a second run at another size");
        }
    }

    /**
     * Writes {@code <id>-variant.json} into {@code dir}: the descriptor {@code <id>.json} of {@code from}, changed,
     * pointing at the original model file; returns its descriptor as read back.
     */
    private static ModelDescriptor variant(Path from, String id, Path dir, java.util.function.Consumer<ObjectNode> change)
            throws Exception {
        ObjectNode d = (ObjectNode) JSON.readTree(from.resolve(id + ".json").toFile());
        d.put("id", id + "-variant");
        d.put("file", from.resolve(id + ".onnx").toAbsolutePath().toString());
        change.accept(d);
        Files.writeString(dir.resolve(id + "-variant.json"), d.toString());
        return ModelSession.readDescriptor(dir, id + "-variant", JSON);
    }

    private static Path variant(Path dir, java.util.function.Consumer<ObjectNode> change) throws Exception {
        variant(BUNDLED, "ppocr-v4-det", dir, change);
        return dir;
    }

    private static String openFails(Path dir) {
        ModelDescriptor d = ModelSession.readDescriptor(dir, "ppocr-v4-det-variant", JSON);
        return assertThrows(ModelSetupException.class, () -> ModelSession.open(OrtEnvironment.getEnvironment(), dir, d, 1,
                true, ModelSession.InferenceListener.NONE).close()).getMessage();
    }

    @Test
    void inputShapeThatDisagreesWithTheDescriptorFailsWithExpectedGot(@TempDir Path dir) throws Exception {
        String msg = openFails(variant(dir, d -> d.putPOJO("input", ((ObjectNode) d.get("input"))
                .set("shape", JSON.valueToTree(List.of(1, 3, 640, 640))))));
        assertTrue(msg.contains("model 'ppocr-v4-det-variant'") && msg.contains("expected input 'x' shape [1, 3, 640, 640]")
                && msg.contains("got [-1, 3, -1, -1]"), msg);
    }

    @Test
    void theShrinkModeIsReadStrictlyAndAreaWhereAbsent(@TempDir Path dir) throws Exception {
        assertEquals(ModelDescriptor.Shrink.BILINEAR, ModelSession.readDescriptor(BUNDLED, "ppocr-v4-det-int8m", JSON)
                .input().shrinking());
        assertEquals(ModelDescriptor.Shrink.AREA, ModelSession.readDescriptor(BUNDLED, "yunet-n", JSON).input()
                .shrinking(), "not given: area averaging");
        String msg = assertThrows(ModelSetupException.class, () -> variant(dir,
                d -> ((ObjectNode) d.get("input")).put("shrink", "nearest"))).getMessage();
        assertTrue(msg.contains("model 'ppocr-v4-det-variant'")
                && msg.contains("expected shrink area or bilinear, got 'nearest'"), msg);
    }

    @Test
    void wrongOutputNameOrChecksumFailsWithExpectedGot(@TempDir Path dir) throws Exception {
        String output = openFails(variant(dir, d -> ((ObjectNode) d.get("outputs").get(0)).put("name", "probabilities")));
        assertTrue(output.contains("expected output 'probabilities', got [sigmoid_0.tmp_0]"), output);
        String sum = openFails(variant(dir, d -> d.put("sha256", "0".repeat(64))));
        assertTrue(sum.contains("expected SHA-256 " + "0".repeat(64) + ", got d2a7720d"), sum);
    }

    @Test
    void retinaFaceOutputsAreDecodedForUsersWhoBringSuchWeights() {
        ModelDescriptor d = ModelSession.readDescriptor(FIXTURES, "retinaface-fixture", JSON);
        try (ModelSession s = ModelSession.open(OrtEnvironment.getEnvironment(), FIXTURES, d, 1, true,
                ModelSession.InferenceListener.NONE); Mat img = grey(128, 128)) {
            List<Detection> found = new RetinaFaceDetector(s).detect(img, 1.0, 0.5);
            assertEquals(1, found.size(), found.toString());
            assertEquals(0.9, found.get(0).score(), 1e-6);
            // input box (7.5, 15.5)-(55.5, 47.5) in the 64 px input; the 128 px image is letterboxed at 0.5
            Box b = found.get(0).box();
            assertEquals(15, b.x1(), 1e-4);
            assertEquals(31, b.y1(), 1e-4);
            assertEquals(111, b.x2(), 1e-4);
            assertEquals(95, b.y2(), 1e-4);
            assertEquals(2, new RetinaFaceDetector(s).detect(img, 1.0, 0.1).size(), "the 0.2 anchor at 0.1");
        }
    }

    @Test
    void retinaFaceLevelsThatDisagreeWithTheOutputsFailWithExpectedGot(@TempDir Path dir) throws Exception {
        ModelDescriptor descriptor = variant(FIXTURES, "retinaface-fixture", dir, v ->
                ((ObjectNode) v.get("params").get("levels").get(0)).set("anchorSizes", JSON.valueToTree(List.of(32, 16, 8))));
        try (ModelSession s = ModelSession.open(OrtEnvironment.getEnvironment(), dir, descriptor, 1, true,
                ModelSession.InferenceListener.NONE)) {
            String msg = assertThrows(ModelSetupException.class, () -> new RetinaFaceDetector(s)).getMessage();
            assertTrue(msg.contains("expected output 'scores_16' of shape [1, 6, H, W]") && msg.contains("got [1, 4, 4, 4]"),
                    msg);
        }
    }

    @Test
    void familyParametersAreReadStrictlyIntoTheirRecord(@TempDir Path dir) throws Exception {
        ModelDescriptor descriptor = variant(FIXTURES, "retinaface-fixture", dir, v ->
                ((ObjectNode) v.get("params")).put("anchorCenterOffset", 7.5));
        try (ModelSession s = ModelSession.open(OrtEnvironment.getEnvironment(), dir, descriptor, 1, true,
                ModelSession.InferenceListener.NONE)) {
            String msg = assertThrows(ModelSetupException.class, () -> new RetinaFaceDetector(s)).getMessage();
            assertTrue(msg.contains("model 'retinaface-fixture-variant': expected params of family retinaface (Params)")
                    && msg.contains("anchorCenterOffset"), "a misspelt key is named: " + msg);
        }
    }

    @Test
    void yunetNeedsItsInputToBeFreeAndItsLevelsListedAsOutputs(@TempDir Path dir) throws Exception {
        String fixed = yunetFails(dir, v -> ((ObjectNode) v.get("input")).put("resize", "letterbox"));
        assertTrue(fixed.contains("model 'yunet-n-variant': expected input.resize free") && fixed.contains("got LETTERBOX"),
                fixed);
        String level = yunetFails(dir, v -> ((ObjectNode) v.get("params").get("levels").get(2)).put("bbox", "bbox_64"));
        assertTrue(level.contains("expected output 'bbox_64' of shape [-1, -1, 4], got no such output"), level);
    }

    private static String yunetFails(Path dir, java.util.function.Consumer<ObjectNode> change) throws Exception {
        ModelDescriptor descriptor = variant(BUNDLED, "yunet-n", dir, change);
        try (ModelSession s = ModelSession.open(OrtEnvironment.getEnvironment(), dir, descriptor, 1, true,
                ModelSession.InferenceListener.NONE)) {
            return assertThrows(ModelSetupException.class, () -> new YuNetDetector(s)).getMessage();
        }
    }


    @Test
    void missingDescriptorNamesTheModelsDirectory(@TempDir Path dir) {
        String msg = assertThrows(ModelSetupException.class, () -> ModelSession.readDescriptor(dir, "nope", JSON)).getMessage();
        assertTrue(msg.contains("model 'nope': expected descriptor") && msg.contains("got no such file"), msg);
    }
}
