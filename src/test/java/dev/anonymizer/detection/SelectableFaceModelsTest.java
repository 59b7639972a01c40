package dev.anonymizer.detection;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.onnxruntime.OrtEnvironment;
import dev.anonymizer.region.Box;
import dev.anonymizer.support.TestImages;

/**
 * The bundled face models that are selectable but not the default (face-api SSD-MobileNetV1, BlazeFace full-range 192,
 * BlazeFace back-256), on real photos: the portrait's face is found where it is. (The default is covered by
 * {@link DetectorsTest}.)
 */
class SelectableFaceModelsTest {

    private static List<Detection> faces(String id, String image) {
        Path dir = Path.of("models");
        ModelDescriptor d = ModelSession.readDescriptor(dir, id, new ObjectMapper());
        try (ModelSession s = ModelSession.open(OrtEnvironment.getEnvironment(), dir, d, 1, true,
                ModelSession.InferenceListener.NONE); Mat img = TestImages.load(image)) {
            Detector det = "ssd".equals(d.family()) ? new SsdDetector(s) : new BlazeFaceDetector(s, 0.3);
            return det.detect(img, 0.5);
        }
    }

    @Test
    void blazeFaceFullRangeFindsThePortraitFaceAndNothingOnTheDogPhoto() {
        List<Detection> found = faces("blazeface-full-192", "grace_hopper_512x512.jpg");
        assertTrue(found.size() == 1 && found.get(0).box().coveredBy(new Box(130, 60, 400, 360)) > 0.9, found.toString());
        assertTrue(faces("blazeface-full-192", "dog.jpg").isEmpty(), "no face on dog.jpg");
    }

    @Test
    void ssdFindsThePortraitFaceAndNothingOnTheDogPhoto() {
        List<Detection> found = faces("ssd-mobilenetv1-face", "grace_hopper_512x512.jpg");
        assertTrue(found.stream().anyMatch(f -> f.box().coveredBy(new Box(130, 60, 400, 360)) > 0.9
                && f.box().width() > 100), found.toString());
        assertTrue(faces("ssd-mobilenetv1-face", "dog.jpg").isEmpty(), "no face on dog.jpg at 0.5");
    }

    @Test
    void blazeFaceBack256FindsThePortraitFace() {
        List<Detection> found = faces("blazeface-back-256", "grace_hopper_512x512.jpg");
        assertTrue(found.stream().anyMatch(f -> f.box().coveredBy(new Box(130, 60, 400, 360)) > 0.9
                && f.box().width() > 100), found.toString());
    }
}
