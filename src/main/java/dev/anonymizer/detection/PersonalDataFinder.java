package dev.anonymizer.detection;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.bytedeco.opencv.opencv_core.Mat;

import dev.anonymizer.detection.plan.GuidedFinePass;
import dev.anonymizer.detection.plan.ImageBudget;
import dev.anonymizer.detection.plan.JointPlan;
import dev.anonymizer.detection.plan.JointPlanner;
import dev.anonymizer.detection.plan.Look;
import dev.anonymizer.detection.plan.LookRequest;
import dev.anonymizer.detection.plan.Pass;
import dev.anonymizer.detection.plan.PlanLimits;
import dev.anonymizer.detection.plan.ScalePlanner;
import dev.anonymizer.detection.plan.SearchPlan;
import dev.anonymizer.detection.plan.SizeRange;
import dev.anonymizer.detection.plan.Uncovered;
import dev.anonymizer.region.Box;
import dev.anonymizer.region.Category;
import dev.anonymizer.region.PixelRect;
import dev.anonymizer.region.Region;
import dev.anonymizer.region.Regions;

/**
 * Looks for personal data with one joint plan per detector and image ({@link JointPlanner}): persons and vehicles
 * first, then faces and text, each within a model-input budget that follows the photo's own pixels
 * ({@link ImageBudget}). The whole image is searched at the scales its model needs for every size from the configured
 * minimum up, as far as the budget allows; where it does not reach, the upper part of every person is searched for
 * faces and every vehicle for plates, the looks merged where they touch, packed side by side into few model inputs,
 * and searched down to the sizes such a box can hold, or the smallest the rest of the budget allows. The finest
 * whole-image scale of faces and text searches only where the coarser passes nominated something
 * ({@link GuidedFinePass}). Three rounds of model inputs, each run side by side where cores are idle: the object
 * detector with the faces' coarser passes (a photo's face plan does not wait for its persons unless their looks take
 * budget from the whole image); then the looks, the text's coarser passes and the guided face scale; then the guided
 * text scale. Overlaps are merged once per category by {@link Regions#suppress}. All boxes come back in pixels of the
 * given image.
 */
public class PersonalDataFinder {

    /** A face lying at least this share inside an animal box is the animal's (unless it touches a person box). */
    private static final double ANIMAL_FACE_INSIDE = 0.8;
    /** Text boxes overlapping more than this after joining are one and the same find of two passes. */
    private static final double TEXT_DUPLICATE_IOU = 0.7;
    private static final double MEGA = 1e6;
    /** The label of plate-frame regions (their category says the rest). */
    private static final String PLATE_LABEL = "plate";

    private final ModelRegistry models;
    private final DetectionSettings config;
    private final Set<String> personLabels;
    private final Set<String> vehicleLabels;
    private final Set<String> animalLabels;
    private final PlateFrameFinder plateFrames;
    /** Whether the faces' probe runs beside the object detector (else with the looks, once the persons are known). */
    private final boolean faceProbeBesideObjects;

    /** A finder running the models of {@code models} as {@code config} says. */
    public PersonalDataFinder(ModelRegistry models, DetectionSettings config) {
        this(models, config, true);
    }

    /**
     * As above; {@code faceProbeBesideObjects} false runs the faces' probe only once the persons are known, as the
     * search did before (what it finds is the same: the tests hold the two to that).
     */
    PersonalDataFinder(ModelRegistry models, DetectionSettings config, boolean faceProbeBesideObjects) {
        this.faceProbeBesideObjects = faceProbeBesideObjects;
        this.models = models;
        this.config = config;
        this.personLabels = Set.copyOf(config.objects().personLabels());
        this.vehicleLabels = Set.copyOf(config.objects().vehicleLabels());
        this.animalLabels = Set.copyOf(config.objects().animalLabels());
        this.plateFrames = new PlateFrameFinder(config.text().plateFrame());
    }

    /**
     * What was found, how long each detector took in total (ms: planning, its model inputs and post-processing; the
     * inputs of faces and text run side by side where cores are idle, so those two may add up to more than the wall
     * time), and the plans it ran (whole-image plans first, then the closer looks), for the audit record, the
     * benchmark and the evaluate report.
     */
    public record Findings(List<Region> regions, Map<DetectorKind, Long> millisByDetector, List<SearchPlan> plans,
            List<BudgetReport> budgets) {
    }

    /**
     * What one detector was allowed and spent on the image, in how many model inputs, and what the budget left
     * uncovered (areas and the heights searched there against those wanted).
     */
    public record BudgetReport(String model, long budgetPixels, long spentPixels, int inferences, int packedLooks,
            List<Uncovered> uncovered) {
    }

    /** The detectors whose time {@link Findings#millisByDetector()} gives, in the order they run. */
    public enum DetectorKind {
        OBJECTS,
        FACES,
        TEXT;

        /** The lower-case name the timings use ({@code detect.objects}, ...). */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Minimum scores per detector. */
    public record Thresholds(double face, double text, double objects) {
    }

    /** The configured thresholds. */
    public Thresholds configured() {
        return new Thresholds(config.face().minScore(), config.text().minScore(), config.objects().minScore());
    }

    /** Finds faces, text, persons and vehicles in {@code image} (BGR, upright) with the configured thresholds. */
    public Findings find(Mat image) {
        return find(image, configured());
    }

    /** As {@link #find(Mat)} with other thresholds (calibration sweeps run once at the lowest and filter). */
    public Findings find(Mat image, Thresholds min) {
        Search search = new Search(image);
        List<Region> found = new ArrayList<>();
        List<Detection> animals = new ArrayList<>();
        // the object detector's inputs and the faces' coarser whole-image passes, which need no persons, run together
        List<Detection> objectFinds = new ArrayList<>();
        models.objects().ifPresent(det -> search.schedule(DetectorKind.OBJECTS, det, objectPlan(search, det),
                min.objects(), objectFinds));
        Map<Detector, EarlyProbe> earlyFaces = search.timed(DetectorKind.FACES, () -> scheduleEarlyFaceProbes(search,
                min));
        search.runScheduled();
        List<Region> objects = models.objects()
                .map(det -> search.timed(DetectorKind.OBJECTS, () -> objectRegions(det, objectFinds, animals)))
                .orElse(List.of());
        found.addAll(objects);
        List<Region> persons = Regions.ofCategory(objects, Category.PERSON);
        List<Region> vehicles = Regions.ofCategory(objects, Category.VEHICLE);
        // faces and text are planned first and their model inputs run together, side by side where cores are idle
        Supplier<List<Region>> faces = models.faces().isEmpty() ? List::of
                : search.timed(DetectorKind.FACES, () -> scheduleFaces(search, persons, vehicles, animals, min,
                        earlyFaces));
        Supplier<List<Region>> text = models.text()
                .map(det -> search.timed(DetectorKind.TEXT, () -> scheduleText(search, det, vehicles, min)))
                .orElse(List::of);
        search.runScheduled();
        // the finest text scale guided by what the text probe nominated
        search.runSecondRound();
        found.addAll(search.timed(DetectorKind.FACES, faces));
        found.addAll(search.timed(DetectorKind.TEXT, text));
        return new Findings(found, search.millis(), search.plans, search.budgets);
    }

    /**
     * Every object the object detector's plan finds in {@code image}, whatever its label (the evaluation matches
     * COCO labels); none when no object detector is configured.
     */
    public List<Detection> objects(Mat image, double minScore) {
        Search search = new Search(image);
        return models.objects().map(det -> search.run(det, objectPlan(search, det), minScore)).orElse(List.of());
    }

    private SearchPlan objectPlan(Search search, Detector det) {
        return search.plan(Look.WHOLE_IMAGE, det, search.whole, SizeRange.atLeast(config.objects().minSize()),
                limits(config.objects().maxMegapixels(), false));
    }

    /** The object detector's persons and vehicles as regions; animals, which only veto faces, into {@code animals}. */
    private List<Region> objectRegions(Detector det, List<Detection> finds, List<Detection> animals) {
        List<Region> objects = new ArrayList<>();
        for (Detection d : finds) {
            Category c = personLabels.contains(d.label()) ? Category.PERSON
                    : vehicleLabels.contains(d.label()) ? Category.VEHICLE : null;
            if (c != null) {
                objects.add(new Region(c, d.label(), d.score(), d.box(), det.model().id()));
            } else if (animalLabels.contains(d.label())) {
                animals.add(d);
            }
        }
        return Regions.suppress(objects, config.objects().nmsIou());
    }

    /**
     * The coarser passes of a face detector's whole-image plan, run before the persons are known: what they found and
     * nominated, kept for the face search when its plan has the same passes.
     */
    private record EarlyProbe(List<Pass> passes, List<Region> found, List<Box> nominated) {
    }

    /**
     * Schedules each face detector's probe (its whole-image plan's coarser scales, when the finest is guided) before
     * the object detector has run: the whole-image plan of a photo is the one it would have without persons, unless
     * its persons' looks take budget from it, which {@link #scheduleFaces} sees (and then runs its own probe).
     */
    private Map<Detector, EarlyProbe> scheduleEarlyFaceProbes(Search search, Thresholds min) {
        DetectionSettings.Face fc = config.face();
        DetectionSettings.Guided g = fc.guided();
        Map<Detector, EarlyProbe> out = new IdentityHashMap<>();
        if (!g.enabled() || !faceProbeBesideObjects) {
            return out;
        }
        ImageBudget budget = budget(fc.budgetPerPhotoPixel(), fc.minMegapixels(), fc.maxMegapixels());
        ImageBudget whole = budget(fc.wholeImagePerPhotoPixel(), fc.minMegapixels(), fc.maxMegapixels());
        for (Detector det : models.faces()) {
            JointPlan alone = search.planWithoutLooks(det, SizeRange.atLeast(fc.minSize()), budget, whole, fc.mirror());
            GuidedFinePass.split(alone.whole(), guide(g)).ifPresent(split -> {
                EarlyProbe early = new EarlyProbe(split.probe(), new ArrayList<>(), new ArrayList<>());
                search.scheduleProbe(DetectorKind.FACES, Category.FACE, det, split.probe(), min.face(),
                        g.nominateThreshold(), early.found(), early.nominated());
                out.put(det, early);
            });
        }
        return out;
    }

    /** Plans the face search and schedules its model inputs; the supplier gives the faces once they have run. */
    private Supplier<List<Region>> scheduleFaces(Search search, List<Region> allPersons, List<Region> vehicles,
            List<Detection> animals, Thresholds min, Map<Detector, EarlyProbe> earlyProbes) {
        List<Region> faces = new ArrayList<>();
        DetectionSettings.Face fc = config.face();
        DetectionSettings.CloserLook look = config.closerLook();
        List<LookRequest> requests = new ArrayList<>();
        if (look.facesInPersons()) {
            for (Region p : lookable(allPersons)) {
                Box b = p.box();
                // a face is a share of its person's height: below the whole plan's floor only in distant persons
                double wanted = Math.max(fc.minSize(), look.faceToPersonHeight() * b.height());
                Box head = new Box(b.x1(), b.y1(), b.x2(), b.y1() + b.height() * look.personHeadFraction());
                requests.add(new LookRequest(Look.FACES_IN_PERSON, search.area(head), wanted));
            }
        }
        ImageBudget budget = budget(fc.budgetPerPhotoPixel(), fc.minMegapixels(), fc.maxMegapixels());
        ImageBudget whole = budget(fc.wholeImagePerPhotoPixel(), fc.minMegapixels(), fc.maxMegapixels());
        DetectionSettings.Guided g = fc.guided();
        GuidedFinePass.Guide guide = guide(g);
        for (Detector det : models.faces()) {
            JointPlan plan = search.plan(det, SizeRange.atLeast(fc.minSize()), requests, budget, whole, fc.mirror());
            // faces too small for the coarser passes still score weakly there: the finest scale searches around them
            Optional<GuidedFinePass.Split> split = g.enabled() ? GuidedFinePass.split(plan.whole(), guide)
                    : Optional.empty();
            EarlyProbe early = earlyProbes.get(det);
            if (split.isEmpty()) {
                search.schedule(DetectorKind.FACES, det, plan, min.face(), Category.FACE, faces);
            } else if (early != null && early.passes().equals(split.get().probe())) {
                // the probe ran beside the object detector: the looks and the guided scale run together now
                faces.addAll(early.found());
                search.schedule(DetectorKind.FACES, det, plan.withoutWholeImage(), min.face(), Category.FACE, faces);
                search.scheduleGuided(DetectorKind.FACES, Category.FACE, det, plan, split.get(), early.nominated(),
                        guide, min.face(), faces);
            } else {
                List<Box> nominated = new ArrayList<>();
                search.scheduleProbe(DetectorKind.FACES, Category.FACE, det, split.get().probe(), min.face(),
                        g.nominateThreshold(), faces, nominated);
                search.schedule(DetectorKind.FACES, det, plan.withoutWholeImage(), min.face(), Category.FACE, faces);
                search.afterFirstRound(() -> search.scheduleGuided(DetectorKind.FACES, Category.FACE, det, plan,
                        split.get(), nominated, guide, min.face(), faces));
            }
        }
        return () -> faceRegions(faces, vehicles, animals, allPersons);
    }

    private List<Region> faceRegions(List<Region> faces, List<Region> vehicles, List<Detection> animals,
            List<Region> allPersons) {
        DetectionSettings.Face fc = config.face();
        // a "face" filling much of a vehicle box is the vehicle (car fronts read as faces); a driver's face is small
        double share = fc.maxVehicleShare();
        return Regions.suppress(faces, fc.nmsIou()).stream()
                .filter(f -> share <= 0 || vehicles.stream().noneMatch(v -> f.box().coveredBy(v.box()) >= 0.5
                        && f.box().area() > share * v.box().area()))
                .filter(f -> !fc.dropAnimalFaces() || !animalFace(f.box(), animals, allPersons))
                .toList();
    }

    /** Plans the text search and schedules its model inputs; the supplier gives the text and plates once run. */
    private Supplier<List<Region>> scheduleText(Search search, Detector det, List<Region> vehicles, Thresholds min) {
        DetectionSettings.Text tc = config.text();
        DetectionSettings.CloserLook look = config.closerLook();
        List<LookRequest> requests = new ArrayList<>();
        if (look.textInVehicles()) {
            for (Region v : lookable(vehicles)) {
                Box b = v.box();
                double zone = Math.max(0.05, Math.min(1, look.vehiclePlateZone()));
                Box crop = new Box(b.x1(), b.y2() - zone * b.height(), b.x2(), b.y2())
                        .pad(look.vehicleContext(), look.vehicleContext() / zone);
                // a plate is a share of its vehicle's width: below the whole plan's floor only on distant vehicles
                double wanted = Math.max(tc.minSize(), look.plateToVehicleWidth() * v.box().width());
                requests.add(new LookRequest(Look.TEXT_IN_VEHICLE, search.area(crop), wanted));
            }
        }
        List<Region> text = new ArrayList<>();
        ImageBudget budget = budget(tc.budgetPerPhotoPixel(), tc.minMegapixels(), tc.maxMegapixels());
        ImageBudget whole = budget(tc.wholeImagePerPhotoPixel(), tc.minMegapixels(), tc.maxMegapixels());
        JointPlan plan = search.plan(det, SizeRange.atLeast(tc.minSize()), requests, budget, whole, false);
        DetectionSettings.Guided g = tc.guided();
        GuidedFinePass.Guide guide = guide(g);
        Optional<GuidedFinePass.Split> split = g.enabled() ? GuidedFinePass.split(plan.whole(), guide)
                : Optional.empty();
        if (split.isEmpty()) {
            search.schedule(DetectorKind.TEXT, det, plan, min.text(), Category.TEXT, text);
            return () -> textRegions(search.image, text, vehicles);
        }
        // the coarser whole-image passes run with the looks and nominate where the finest scale searches after them
        List<Box> nominated = new ArrayList<>();
        search.scheduleProbe(DetectorKind.TEXT, Category.TEXT, det, split.get().probe(), min.text(),
                g.nominateThreshold(), text, nominated);
        search.schedule(DetectorKind.TEXT, det, plan.withoutWholeImage(), min.text(), Category.TEXT, text);
        search.afterFirstRound(() -> search.scheduleGuided(DetectorKind.TEXT, Category.TEXT, det, plan, split.get(),
                nominated, guide, min.text(), text));
        return () -> textRegions(search.image, text, vehicles);
    }

    /** Text boxes joined into lines, duplicates dropped, kept where the scope says, plates grown to their frames. */
    private List<Region> textRegions(Mat image, List<Region> text, List<Region> vehicles) {
        DetectionSettings.Text tc = config.text();
        // overlapping boxes of one line are joined, not suppressed: every pixel any pass saw as text is kept
        List<Region> lines = Regions.joinLines(text, Category.TEXT, Math.max(0, tc.joinGap()));
        List<Region> kept = Regions.suppress(lines, TEXT_DUPLICATE_IOU);
        if (tc.scope() == DetectionSettings.TextScope.NEAR_VEHICLES) {
            double m = tc.vehicleMargin();
            kept = kept.stream().filter(t -> vehicles.stream()
                    .anyMatch(v -> t.box().coveredBy(v.box().pad(m, m)) > 0.5)).toList();
        }
        return tc.plateFrame().enabled() ? withPlateFrames(image, kept, tc.plateFrame()) : kept;
    }

    /**
     * Each text region that sits on a plate becomes a {@link Category#PLATE} region: the plate's frame, and at least
     * its characters with a margin (a frame found inside a plate's border must not cut off the characters). Text
     * without a frame stays text.
     */
    private List<Region> withPlateFrames(Mat image, List<Region> text, DetectionSettings.PlateFrame p) {
        List<Region> out = new ArrayList<>(text.size());
        for (Region t : text) {
            out.add(plateFrames.frameAround(image, t.box())
                    .map(frame -> new Region(Category.PLATE, PLATE_LABEL, t.score(),
                            frame.span(t.box().pad(p.characterMarginX(), p.characterMarginY())), t.model()))
                    .orElse(t));
        }
        return out;
    }

    /** Inside an animal and touching no person: the dog's face, not its owner's. */
    private static boolean animalFace(Box face, List<Detection> animals, List<Region> persons) {
        return animals.stream().anyMatch(a -> face.coveredBy(a.box()) >= ANIMAL_FACE_INSIDE)
                && persons.stream().noneMatch(p -> face.intersectionArea(p.box()) > 0);
    }

    private JointPlanner.Packing packing(Detector det) {
        DetectionSettings.CloserLook look = config.closerLook();
        Integer multiple = det.model().input().multipleOf();
        return new JointPlanner.Packing(look.pack(), Math.max(0, look.packGap()),
                Math.round(look.packMaxMegapixels() * MEGA), multiple == null ? 1 : multiple);
    }

    private static GuidedFinePass.Guide guide(DetectionSettings.Guided g) {
        return new GuidedFinePass.Guide(g.maxScale(), g.context(), g.minInputSide());
    }

    private PlanLimits limits(double maxMegapixels, boolean mirror) {
        DetectionSettings.Search s = config.search();
        return new PlanLimits(s.maxUpscale(), s.scaleStep(), Math.round(s.maxPassMegapixels() * MEGA),
                Math.round(maxMegapixels * MEGA), mirror);
    }

    /** Boxes large enough for a closer look: every one of them asks; the image's budget decides how closely. */
    private List<Region> lookable(List<Region> regions) {
        int min = config.closerLook().minBoxSide();
        return regions.stream().filter(r -> Math.min(r.box().width(), r.box().height()) >= min).toList();
    }

    private ImageBudget budget(double perPhotoPixel, double minMegapixels, double maxMegapixels) {
        return new ImageBudget(perPhotoPixel, Math.round(minMegapixels * MEGA),
                Math.round(Math.max(minMegapixels, maxMegapixels) * MEGA));
    }

    /** A model input waiting to run: whose time it is, and its work (about its cost). */
    private record Scheduled(DetectorKind kind, InferencePool.Task<Ran> input) {
    }

    /**
     * A model input that ran: what hands its finds (and what it nominated) to where they go, run on the search's own
     * thread in the order the inputs were scheduled, and how long it took.
     */
    private record Ran(Runnable handOver, long nanos) {
    }

    /** One image's search: its plans and timings as they accumulate. */
    private final class Search {
        private final Mat image;
        private final PixelRect whole;
        private final Map<DetectorKind, Long> nanos = new EnumMap<>(DetectorKind.class);
        private final List<SearchPlan> plans = new ArrayList<>();
        private final List<BudgetReport> budgets = new ArrayList<>();
        private final List<Scheduled> scheduled = new ArrayList<>();
        private final List<Runnable> secondRound = new ArrayList<>();

        Search(Mat image) {
            this.image = image;
            this.whole = new PixelRect(0, 0, image.cols(), image.rows());
        }

        /** The whole-pixel part of the image under {@code box}. */
        PixelRect area(Box box) {
            return box.clamp(image.cols(), image.rows()).toPixels();
        }

        SearchPlan plan(Look look, Detector det, PixelRect area, SizeRange wanted, PlanLimits limits) {
            SearchPlan plan = ScalePlanner.plan(look, clampToImage(area), wanted, PlanRunner.geometry(det), limits);
            plans.add(plan);
            return plan;
        }

        /** The whole image and the looks of one detector, planned together inside its budget for this image. */
        JointPlan plan(Detector det, SizeRange wanted, List<LookRequest> requests, ImageBudget budget,
                ImageBudget wholeImage, boolean mirror) {
            JointPlan plan = jointPlan(det, wanted, requests, budget, wholeImage, mirror);
            plans.addAll(plan.plans());
            budgets.add(new BudgetReport(plan.model(), plan.budgetPixels(), plan.spentPixels(), plan.inferences(),
                    plan.packed().stream().mapToInt(c -> c.slots().size()).sum(), plan.uncovered()));
            return plan;
        }

        /** The plan {@link #plan} would make without a look, not recorded in the search's plans. */
        JointPlan planWithoutLooks(Detector det, SizeRange wanted, ImageBudget budget, ImageBudget wholeImage,
                boolean mirror) {
            return jointPlan(det, wanted, List.of(), budget, wholeImage, mirror);
        }

        private JointPlan jointPlan(Detector det, SizeRange wanted, List<LookRequest> requests, ImageBudget budget,
                ImageBudget wholeImage, boolean mirror) {
            long pixels = budget.pixels(image.cols(), image.rows());
            long wholePixels = wholeImage.pixels(image.cols(), image.rows());
            return JointPlanner.plan(whole, wanted, requests, PlanRunner.geometry(det), limits(pixels / MEGA, mirror),
                    pixels, wholePixels, config.closerLook().minWholeShare(), packing(det));
        }

        /**
         * Adds the plan's model inputs to those {@link #runScheduled()} runs; their finds go to {@code out} as
         * regions of {@code category}, in plan order, and their time to {@code kind}.
         */
        void schedule(DetectorKind kind, Detector det, JointPlan plan, double minScore, Category category,
                List<Region> out) {
            for (InferencePool.Task<List<Detection>> input : PlanRunner.inputs(det, image, plan, minScore)) {
                scheduled.add(new Scheduled(kind, new InferencePool.Task<>(() -> {
                    long start = System.nanoTime();
                    List<Region> regions = new ArrayList<>();
                    for (Detection d : input.work().get()) {
                        regions.add(new Region(category, d.label(), d.score(), d.box(), det.model().id()));
                    }
                    return new Ran(() -> out.addAll(regions), System.nanoTime() - start);
                }, input.cost())));
            }
        }

        /** Adds the passes of {@code plan} to those {@link #runScheduled()} runs; their finds go to {@code out}. */
        void schedule(DetectorKind kind, Detector det, SearchPlan plan, double minScore, List<Detection> out) {
            for (InferencePool.Task<List<Detection>> input : PlanRunner.inputs(det, image, plan, minScore)) {
                scheduled.add(new Scheduled(kind, new InferencePool.Task<>(() -> {
                    long start = System.nanoTime();
                    List<Detection> found = input.work().get();
                    return new Ran(() -> out.addAll(found), System.nanoTime() - start);
                }, input.cost())));
            }
        }

        /**
         * Adds the probing passes of a whole-image plan (its coarser scales) to those {@link #runScheduled()} runs:
         * their finds go to {@code out} as regions of {@code category}, what they nominate above
         * {@code nominateThreshold} to {@code nominated}, both in pixels of the image.
         */
        void scheduleProbe(DetectorKind kind, Category category, Detector det, List<Pass> passes, double minScore,
                double nominateThreshold, List<Region> out, List<Box> nominated) {
            for (InferencePool.Task<Probed> input : PlanRunner.probeInputs(det, image, passes, minScore,
                    nominateThreshold)) {
                scheduled.add(new Scheduled(kind, new InferencePool.Task<>(() -> {
                    long start = System.nanoTime();
                    Probed probed = input.work().get();
                    List<Region> regions = new ArrayList<>();
                    for (Detection d : probed.found()) {
                        regions.add(new Region(category, d.label(), d.score(), d.box(), det.model().id()));
                    }
                    return new Ran(() -> {
                        out.addAll(regions);
                        nominated.addAll(probed.nominated());
                    }, System.nanoTime() - start);
                }, input.cost())));
            }
        }

        /** Runs {@code step} once the first round of model inputs has run, before the second. */
        void afterFirstRound(Runnable step) {
            secondRound.add(step);
        }

        /** Runs the steps waiting for the first round (they schedule the second), then the second round. */
        void runSecondRound() {
            if (secondRound.isEmpty()) {
                return;
            }
            secondRound.forEach(Runnable::run);
            secondRound.clear();
            runScheduled();
        }

        /**
         * Schedules the finest scale of {@code plan}'s whole image over what the probe nominated (over the whole image
         * where that costs no less); its finds go to {@code out}, and the plans and the budget report say what it cost.
         */
        void scheduleGuided(DetectorKind kind, Category category, Detector det, JointPlan plan,
                GuidedFinePass.Split split, List<Box> nominated, GuidedFinePass.Guide guide, double minScore,
                List<Region> out) {
            Optional<GuidedFinePass.Guided> guided = GuidedFinePass.plan(split, nominated, guide,
                    Math.round(config.search().maxPassMegapixels() * MEGA), packing(det));
            JointPlan run = guided.map(gd -> gd.asJointPlan(plan.budgetPixels()))
                    .orElseGet(() -> plan.onlyWholeImage(split.fine()));
            guided.ifPresent(gd -> reportGuided(plan, split, gd));
            schedule(kind, det, run, minScore, category, out);
        }

        /** The whole-image plan becomes its probe and the guided scale's plan; the budget report what was spent. */
        private void reportGuided(JointPlan plan, GuidedFinePass.Split split, GuidedFinePass.Guided guided) {
            int at = plans.indexOf(plan.whole());
            plans.set(at, split.probePlan());
            plans.add(at + 1, guided.plan());
            for (int i = 0; i < budgets.size(); i++) {
                BudgetReport b = budgets.get(i);
                if (b.model().equals(plan.model())) {
                    budgets.set(i, new BudgetReport(b.model(), b.budgetPixels(),
                            b.spentPixels() - split.finePixels() + guided.inputPixels(),
                            b.inferences() - split.fine().size() + guided.inferences(), b.packedLooks(),
                            b.uncovered()));
                }
            }
        }

        /**
         * Runs every scheduled model input in one call of the pool, the costliest of either detector first; each
         * one's finds are added to its list in the order they were scheduled, and its time to its detector (summed,
         * so two detectors whose inputs ran side by side may together show more than the wall time).
         */
        void runScheduled() {
            List<Scheduled> run = List.copyOf(scheduled);
            scheduled.clear();
            List<Ran> results = models.pool().run(run.stream().map(Scheduled::input).toList());
            for (int i = 0; i < run.size(); i++) {
                results.get(i).handOver().run();
                nanos.merge(run.get(i).kind(), results.get(i).nanos(), Long::sum);
            }
        }

        List<Detection> run(Detector det, SearchPlan plan, double minScore) {
            return PlanRunner.run(det, image, plan, minScore, models.pool());
        }

        private PixelRect clampToImage(PixelRect r) {
            int x = Math.max(0, Math.min(r.x(), image.cols()));
            int y = Math.max(0, Math.min(r.y(), image.rows()));
            return new PixelRect(x, y, Math.min(r.width(), image.cols() - x), Math.min(r.height(), image.rows() - y));
        }

        /** Each detector's time so far, in whole milliseconds. */
        Map<DetectorKind, Long> millis() {
            Map<DetectorKind, Long> out = new EnumMap<>(DetectorKind.class);
            nanos.forEach((k, v) -> out.put(k, v / 1_000_000));
            return out;
        }

        <T> T timed(DetectorKind name, Supplier<T> work) {
            long start = System.nanoTime();
            try {
                return work.get();
            } finally {
                nanos.merge(name, System.nanoTime() - start, Long::sum);
            }
        }
    }
}
