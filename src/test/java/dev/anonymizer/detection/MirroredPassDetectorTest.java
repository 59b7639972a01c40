package dev.anonymizer.detection;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.onnxruntime.OrtEnvironment;
import dev.anonymizer.region.Box;
import dev.anonymizer.support.TestImages;

/**
 * The mirror pass maps its finds back into the image: on a crop of the portrait where the face sits well off the
 * centre, the mirrored pass must find the face where it is, not where its mirror image would be.
 */
class MirroredPassDetectorTest {

    @Test
    void mirroredFindsLandOnTheFace() {
        Path dir = Path.of("models");
        ModelDescriptor d = ModelSession.readDescriptor(dir, "retinaface-mnet025-v1", new ObjectMapper());
        try (ModelSession s = ModelSession.open(OrtEnvironment.getEnvironment(), dir, d, 1, true,
                ModelSession.InferenceListener.NONE);
                Mat portrait = TestImages.load("grace_hopper_512x512.jpg");
                Rect left = new Rect(0, 0, 400, 512);
                Mat view = new Mat(portrait, left);
                Mat crop = view.clone()) {
            Detector plain = new RetinaFaceDetector(s);
            List<Detection> once = plain.detect(crop, 0.5);
            List<Detection> both = new MirroredPassDetector(plain).detect(crop, 0.5);
            Box face = new Box(150, 50, 380, 360);
            assertTrue(!once.isEmpty() && once.stream().allMatch(f -> f.box().coveredBy(face) > 0.8), "plain: " + once);
            assertTrue(both.size() > once.size(), "the mirrored pass adds its own finds: " + both);
            assertTrue(both.stream().allMatch(f -> f.box().coveredBy(face) > 0.8), "every find on the face: " + both);
        }
    }
}
