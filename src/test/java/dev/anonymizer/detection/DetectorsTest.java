package dev.anonymizer.detection;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import dev.anonymizer.region.Box;
import dev.anonymizer.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;

/** Every bundled default model on real photos: what a person sees must be found, and what is not there must not. */
@QuarkusTest
class DetectorsTest {

    @Inject
    ModelRegistry models;

    @Inject
    PersonalDataFinder finder;

    @Test
    void graceHopperPortraitHasAFace() {
        assertEquals(2, models.faces().size(), "the default face models");
        try (Mat img = TestImages.load("grace_hopper_512x512.jpg")) {
            for (Detector det : models.faces()) {
                List<Detection> faces = det.detect(img, finder.configured().face());
                System.out.println(det.model().id() + " grace hopper faces: " + faces.size());
                assertTrue(faces.stream().anyMatch(f -> f.box().iou(new Box(160, 70, 360, 330)) > 0.3
                        || f.box().coveredBy(new Box(150, 50, 380, 360)) > 0.8), det.model().id() + ": " + faces);
            }
        }
    }

    @Test
    void dogPhotoHasNoFace() {
        try (Mat img = TestImages.load("dog.jpg")) {
            // every default face model at the configured threshold, on the whole photo
            for (Detector det : models.faces()) {
                List<Detection> faces = det.detect(img, finder.configured().face());
                System.out.println(det.model().id() + " dog.jpg faces: " + faces);
                assertTrue(faces.isEmpty(), det.model().id() + ": no face on the dog photo: " + faces);
            }
        }
    }

    @Test
    void dogPhotoHasTruckAndBicycle() {
        try (Mat img = TestImages.load("dog.jpg")) {
            List<Detection> objects = models.objects().orElseThrow().detect(img, 0.25);
            Set<String> labels = new java.util.HashSet<>();
            objects.forEach(o -> labels.add(o.label()));
            System.out.println("dog.jpg objects: " + labels);
            assertTrue(labels.contains("truck") || labels.contains("car"), "truck or car on dog.jpg: " + labels);
            assertTrue(labels.contains("bicycle"), "bicycle on dog.jpg: " + labels);
            // the truck is in the upper right of the photo
            assertTrue(objects.stream().filter(o -> o.label().equals("truck") || o.label().equals("car"))
                    .anyMatch(o -> o.box().centerX() > 450 && o.box().centerY() < 250), "truck position: " + objects);
        }
    }

    @Test
    void personPhotoHasAPerson() {
        try (Mat img = TestImages.load("person.jpg")) {
            List<Detection> objects = models.objects().orElseThrow().detect(img, 0.25);
            System.out.println("person.jpg: " + objects.stream().map(Detection::label).distinct().toList());
            assertTrue(objects.stream().anyMatch(o -> o.label().equals("person")), "person on person.jpg");
            assertFalse(objects.stream().anyMatch(o -> o.label().equals("truck")), "no truck on person.jpg");
        }
    }

    @Test
    void textDetectorFindsSyntheticPlate() {
        try (Mat img = TestImages.syntheticPlate()) {
            List<Detection> text = models.text().orElseThrow().detect(img, 0.5);
            System.out.println("synthetic plate text boxes: " + text);
            assertTrue(text.stream().anyMatch(t -> TestImages.PLATE_TEXT.coveredBy(t.box()) > 0.6),
                    "plate characters boxed: " + text);
            // nothing in the textured background far from the plate
            assertTrue(text.stream().allMatch(t -> t.box().iou(TestImages.PLATE) > 0 || t.box().coveredBy(TestImages.PLATE) > 0),
                    "no text boxes away from the plate: " + text);
        }
    }
}
