package dev.anonymizer.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import dev.anonymizer.detection.plan.Look;
import dev.anonymizer.detection.plan.SearchPlan;
import dev.anonymizer.region.Box;
import dev.anonymizer.region.Category;
import dev.anonymizer.region.Region;
import dev.anonymizer.region.Regions;
import dev.anonymizer.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;

/** Every bundled default model on real photos: what a person sees must be found, and what is not there must not. */
@QuarkusTest
class DetectorsTest {

    @Inject
    ModelRegistry models;

    @Inject
    PersonalDataFinder finder;

    @Inject
    DetectionSettings settings;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    @Inject
    InferenceMetrics metrics;

    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    /**
     * Model inputs run side by side (three at once: faces and text together, several passes each) find exactly what
     * they find one after the other: the same regions, scores and boxes, in the same order.
     */
    @Test
    void inputsSideBySideFindWhatTheyFindOneAfterTheOther() {
        try (ModelRegistry oneAtATime = registry(1); ModelRegistry three = registry(3)) {
            PersonalDataFinder sequential = new PersonalDataFinder(oneAtATime, settings);
            PersonalDataFinder parallel = new PersonalDataFinder(three, settings);
            for (String photo : List.of("kite.jpg", "licenseplate_motion.jpg", "person.jpg")) {
                try (Mat img = TestImages.load(photo)) {
                    PersonalDataFinder.Findings a = sequential.find(img);
                    PersonalDataFinder.Findings b = parallel.find(img);
                    assertFalse(a.regions().isEmpty(), photo);
                    assertEquals(a.regions(), b.regions(), photo);
                    assertEquals(a.plans(), b.plans(), photo);
                }
            }
        }
    }

    /**
     * The faces' probe (the coarser whole-image passes) runs beside the object detector, before the persons are
     * known: the search finds, plans and reports exactly what it does when the probe runs after, and runs no face
     * input more than its budget report counts (a probe run in vain would be one more).
     */
    @Test
    void theFaceProbeBesideTheObjectDetectorChangesWhenItRunsOnly() {
        PersonalDataFinder after = new PersonalDataFinder(models, settings, false);
        int faces = 0;
        int guided = 0;
        for (String photo : List.of("kite.jpg", "person.jpg", "messi5.jpg", "grace_hopper_512x512.jpg")) {
            try (Mat img = TestImages.load(photo)) {
                long before = faceInferences();
                PersonalDataFinder.Findings beside = finder.find(img);
                long ran = faceInferences() - before;
                PersonalDataFinder.Findings late = after.find(img);
                assertEquals(late.regions(), beside.regions(), photo);
                assertEquals(late.plans(), beside.plans(), photo);
                assertEquals(late.budgets(), beside.budgets(), photo);
                long reported = beside.budgets().stream().filter(b -> b.model().equals("yunet-n"))
                        .mapToLong(PersonalDataFinder.BudgetReport::inferences).sum();
                assertEquals(reported, ran, photo + ": face inputs run against those the budget report counts");
                guided += beside.plans().stream().anyMatch(p -> p.look() == Look.WHERE_SEEN
                        && p.model().equals("yunet-n")) ? 1 : 0;
                faces += Regions.ofCategory(beside.regions(), Category.FACE).size();
            }
        }
        assertTrue(faces >= 4, "faces found: " + faces);
        assertTrue(guided >= 2, "photos whose finest face scale searched where the probe saw something: " + guided);
    }

    private long faceInferences() {
        io.micrometer.core.instrument.Timer t = meters.find("anonymizer.model.inference").tag("model", "yunet-n")
                .timer();
        return t == null ? 0 : t.count();
    }

    private ModelRegistry registry(int parallelInferences) {
        return new ModelRegistry(new ModelSettings(java.nio.file.Path.of("models"), 1, false, false, parallelInferences,
                false, false, false), settings, json, metrics);
    }

    @Test
    void graceHopperPortraitHasAFace() {
        assertEquals(1, models.faces().size(), "the default face model");
        assertEquals("yunet-n", models.faces().get(0).model().id());
        try (Mat img = TestImages.load("grace_hopper_512x512.jpg")) {
            // one pass at the photo's own size already finds it
            List<Detection> faces = models.faces().get(0).detect(img, 1.0, finder.configured().face());
            assertTrue(faces.stream().anyMatch(this::onHoppersFace), "yunet-n at 1x: " + faces);
            // and the whole planned search finds it, and nothing else of that size
            List<Region> found = Regions.ofCategory(finder.find(img).regions(), Category.FACE);
            System.out.println("grace hopper faces: " + found);
            assertTrue(found.stream().anyMatch(f -> onHoppersFace(new Detection(f.label(), f.score(), f.box()))),
                    found.toString());
            assertTrue(found.stream().filter(f -> f.box().height() > 100).count() == 1, "one large face: " + found);
        }
    }

    private boolean onHoppersFace(Detection f) {
        return f.box().iou(new Box(160, 70, 360, 330)) > 0.3 || f.box().coveredBy(new Box(150, 50, 380, 360)) > 0.8;
    }

    @Test
    void theDogsFaceIsNoFaceAndNothingLargeIsTakenForOne() {
        try (Mat img = TestImages.load("dog.jpg")) {
            PersonalDataFinder.Findings findings = finder.find(img);
            List<Region> faces = Regions.ofCategory(findings.regions(), Category.FACE);
            System.out.println("dog.jpg faces: " + faces);
            // YuNet scores the dog's face 0.61: it lies inside the dog's box and no person's, so it is the dog's
            Box dogsHead = new Box(240, 240, 320, 340);
            assertTrue(faces.stream().noneMatch(f -> f.box().coveredBy(dogsHead) > 0.5), "the dog's face: " + faces);
            // at the low face threshold the plan's finest passes take a few leaf-sized patches for faces; they must
            // stay that: small, and a negligible share of the photo
            double area = faces.stream().mapToDouble(f -> f.box().area()).sum() / (img.cols() * (double) img.rows());
            assertTrue(faces.stream().allMatch(f -> f.box().height() < 30) && area < 0.005,
                    "only small patches, " + 100 * area + "% of the photo: " + faces);
            // the whole-image plan's coarser passes, and its finest scale around what they scored weakly
            List<SearchPlan> facePlans = findings.plans().stream().filter(p -> p.model().equals("yunet-n")
                    && (p.look() == Look.WHOLE_IMAGE || p.look() == Look.WHERE_SEEN)).toList();
            assertTrue(facePlans.stream().mapToInt(p -> p.passes().size()).sum() >= 4,
                    "the dog was looked at closely: " + facePlans.stream().map(SearchPlan::describe).toList());
        }
    }

    @Test
    void dogPhotoHasTruckAndBicycle() {
        try (Mat img = TestImages.load("dog.jpg")) {
            List<Detection> objects = finder.objects(img, 0.25);
            Set<String> labels = new HashSet<>();
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
            List<Detection> objects = finder.objects(img, 0.25);
            System.out.println("person.jpg: " + objects.stream().map(Detection::label).distinct().toList());
            assertTrue(objects.stream().anyMatch(o -> o.label().equals("person")), "person on person.jpg");
            assertFalse(objects.stream().anyMatch(o -> o.label().equals("truck")), "no truck on person.jpg");
        }
    }

    @Test
    void textDetectorFindsSyntheticPlate() {
        try (Mat img = TestImages.syntheticPlate()) {
            List<Detection> text = models.text().orElseThrow().detect(img, 1.0, 0.5);
            System.out.println("synthetic plate text boxes: " + text);
            assertTrue(text.stream().anyMatch(t -> TestImages.PLATE_TEXT.coveredBy(t.box()) > 0.6),
                    "plate characters boxed: " + text);
            // nothing in the textured background far from the plate
            assertTrue(text.stream().allMatch(t -> t.box().iou(TestImages.PLATE) > 0 || t.box().coveredBy(TestImages.PLATE) > 0),
                    "no text boxes away from the plate: " + text);
        }
    }

    /** Every text find lies inside a blob the same inference nominates (its threshold is lower). */
    @Test
    void theTextModelNominatesAtLeastWhatItFinds() {
        try (Mat img = TestImages.syntheticPlate()) {
            Probed probed = models.text().orElseThrow().probe(img, 1.0, 0.5, 0.1);
            assertFalse(probed.found().isEmpty(), "the plate is found");
            for (Detection d : probed.found()) {
                assertTrue(probed.nominated().stream().anyMatch(n -> d.box().coveredBy(n) > 0.9),
                        d + " inside a nomination: " + probed.nominated());
            }
            assertTrue(models.text().orElseThrow().probe(img, 1.0, 0.5, 0).nominated().isEmpty(),
                    "no threshold, no nomination");
        }
    }

    /**
     * On a 768x576 photo (a truck with lettering) the whole-image text search's finest scale is guided: it searches only where the coarser
     * pass nominated, costs less than over the whole image, the audit's plans say so, and the text found unguided is
     * found guided too.
     */
    @Test
    void theGuidedFinestTextScaleFindsWhatTheWholeScaleFindsForLess() {
        PersonalDataFinder unguided = new PersonalDataFinder(models, withGuidedText(false));
        try (Mat img = TestImages.load("dog.jpg")) {
            PersonalDataFinder.Findings guided = finder.find(img);
            PersonalDataFinder.Findings whole = unguided.find(img);
            String text = models.text().orElseThrow().model().id();
            SearchPlan wholePlan = whole.plans().stream().filter(p -> p.model().equals(text)
                    && p.look() == Look.WHOLE_IMAGE).findFirst().orElseThrow();
            SearchPlan seen = guided.plans().stream().filter(p -> p.look() == Look.WHERE_SEEN
                    && p.model().equals(text)).findFirst()
                    .orElseThrow(() -> new AssertionError("a guided plan: " + guided.plans()));
            assertFalse(seen.passes().isEmpty(), "the lettering is nominated: " + seen.describe());
            assertEquals(wholePlan.scales().get(0), seen.scales().get(0), 1e-9, "at the whole plan's finest scale");
            long guidedSpent = spent(guided, text);
            long wholeSpent = spent(whole, text);
            assertTrue(guidedSpent < wholeSpent, guidedSpent + " < " + wholeSpent);
            assertTrue(wholeSpent - guidedSpent >= wholePlan.inputPixels() - seenWhole(guided, text).inputPixels()
                    - seen.inputPixels() - 64 * 64, "the budget report counts what the guided scale saved");
            for (Region r : whole.regions()) {
                if (r.category() == Category.TEXT || r.category() == Category.PLATE) {
                    // the same characters (a plate frame grown around them may differ with the text box)
                    assertTrue(guided.regions().stream().anyMatch(g -> (g.category() == Category.TEXT
                            || g.category() == Category.PLATE) && r.box().intersectionArea(g.box()) > 0),
                            r + " found guided too: " + guided.regions());
                }
            }
        }
    }

    private static SearchPlan seenWhole(PersonalDataFinder.Findings f, String model) {
        return f.plans().stream().filter(p -> p.model().equals(model) && p.look() == Look.WHOLE_IMAGE).findFirst()
                .orElseThrow();
    }

    private static long spent(PersonalDataFinder.Findings f, String model) {
        return f.budgets().stream().filter(b -> b.model().equals(model)).mapToLong(b -> b.spentPixels()).sum();
    }

    private DetectionSettings withGuidedText(boolean enabled) {
        DetectionSettings.Text t = settings.text();
        DetectionSettings.Guided g = t.guided();
        return new DetectionSettings(new DetectionSettings.Text(t.enabled(), t.model(), t.pixelThreshold(),
                t.minScore(), t.unclipRatio(), t.joinGap(), t.minSidePixels(), t.minSize(), t.budgetPerPhotoPixel(),
                t.wholeImagePerPhotoPixel(), t.minMegapixels(), t.maxMegapixels(), t.scope(), t.vehicleMargin(),
                t.plateFrame(), new DetectionSettings.Guided(enabled, g.nominateThreshold(), g.context(), g.maxScale(),
                        g.minInputSide())), settings.face(), settings.objects(), settings.search(),
                settings.closerLook());
    }

    /** Every face found lies inside a box the same inference nominates (its threshold is lower). */
    @Test
    void theFaceModelNominatesAtLeastWhatItFinds() {
        try (Mat img = TestImages.load("grace_hopper_512x512.jpg")) {
            Detector yunet = models.faces().get(0);
            Probed probed = yunet.probe(img, 1.0, 0.5, 0.05);
            assertFalse(probed.found().isEmpty(), "her face is found");
            assertTrue(probed.nominated().size() >= probed.found().size());
            for (Detection d : probed.found()) {
                assertTrue(probed.nominated().stream().anyMatch(n -> d.box().iou(n) > 0.99), d + " nominated");
            }
            assertTrue(yunet.probe(img, 1.0, 0.5, 0).nominated().isEmpty(), "no threshold, no nomination");
        }
    }
}
