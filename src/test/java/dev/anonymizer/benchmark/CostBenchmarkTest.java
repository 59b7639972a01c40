package dev.anonymizer.benchmark;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.onnxruntime.OrtEnvironment;
import dev.anonymizer.config.ModelsConfig;
import dev.anonymizer.detection.DbnetTextDetector;
import dev.anonymizer.detection.DetectionSettings;
import dev.anonymizer.detection.Detector;
import dev.anonymizer.detection.ModelDescriptor;
import dev.anonymizer.detection.ModelSession;
import dev.anonymizer.detection.NanoDetDetector;

import dev.anonymizer.detection.ModelRegistry;
import dev.anonymizer.detection.plan.SearchPlan;
import dev.anonymizer.evaluation.CollageSet;
import dev.anonymizer.pipeline.AnonymizedImage;
import dev.anonymizer.pipeline.Anonymizer;
import dev.anonymizer.region.Category;
import dev.anonymizer.support.TestImages;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Cost per photo on photos like the users' (issue 17): each photo's time through the anonymizing core (decode to
 * encode, one photo at a time) over <em>its own floor</em>, one pass of each default model on that photo, measured
 * in the same run: the face model at the photo's own size, the text model at a long side of 960, the object model
 * at its fixed input. Per set: median, p90 and worst ratio, the median time, and the model input the plans spent.
 * Run on purpose: {@code ./mvnw verify -Pbenchmark -Dtest=CostBenchmarkTest}; the table goes to stdout and
 * {@code target/cost-benchmark.md}.
 * <p>
 * Sets, built from {@code ../shared/eval} when it is there (skipped with a message when not):
 * <ul>
 * <li>{@code traffic-1080}: {@code plates/us} street photos (cars behind the labelled one) enlarged to 1920x1080;</li>
 * <li>{@code collage-1080}: 3x3 collages of {@code plates/eu} and {@code plates/us} car photos on a 1920x1080
 * canvas ({@link CollageSet}, the set {@code RecallEvalTest} measures recall on), nine vehicles or more per
 * photo, as listing pages and dealer overviews show them;</li>
 * <li>{@code square-1280}: {@code plates/us} photos centred on a 1280x1280 canvas (their traffic included);</li>
 * <li>{@code plates-web}: web car photos at their own size (~400 px);</li>
 * <li>{@code faces}: WIDER FACE photos at their own size (~1024x768);</li>
 * <li>{@code committed}: the committed test photos, always.</li>
 * </ul>
 * {@code -Dcost.count=N} photos per set (default 16).
 * <p>
 * Where the configured text or object model is not the float {@code ppocr-v4-det} / {@code nanodet-416} (the
 * defaults are int8 versions), each photo's time is also given over the <em>reference floor</em>: the same floor with
 * the float models' passes, the yardstick issue 17 was written against, so the gain of cheaper models shows beside
 * the search's own economy.
 */
@QuarkusTest
@Tag("benchmark")
class CostBenchmarkTest {

    private static final int FLOOR_RUNS = 3;
    /** The float text model of issue 17's yardstick. */
    private static final String REFERENCE_TEXT_MODEL = "ppocr-v4-det";
    /** The float object model of issue 17's yardstick. */
    private static final String REFERENCE_OBJECT_MODEL = "nanodet-416";

    @Inject
    Anonymizer anonymizer;

    @Inject
    ModelRegistry models;

    @Inject
    DetectionSettings settings;

    @Inject
    MeterRegistry registry;

    @Inject
    ModelsConfig modelsConfig;

    record Photo(String name, byte[] jpeg) {
    }

    record Row(String set, String photo, double ms, double floorMs, double referenceFloorMs, double cpuMs,
            double floorCpuMs, double referenceFloorCpuMs, int vehicles, double faceMp, double textMp, int uncovered,
            double textStepMs, double textInferenceMs, double faceStepMs, double faceInferenceMs, int inferences) {
        double ratio() {
            return ms / floorMs;
        }

        double referenceRatio() {
            return ms / referenceFloorMs;
        }

        double cpuRatio() {
            return cpuMs / floorCpuMs;
        }

        double referenceCpuRatio() {
            return cpuMs / referenceFloorCpuMs;
        }
    }

    /** The float text model the reference floor is measured with; null where it is the configured one. */
    private ModelSession referenceText;
    private Detector referenceTextDetector;
    /** The float object model the reference floor is measured with; null where it is the configured one. */
    private ModelSession referenceObjects;
    private Detector referenceObjectDetector;

    @Test
    void costPerPhotoOverItsFloor() throws IOException {
        int count = Integer.getInteger("cost.count", 16);
        Path root = Path.of(System.getProperty("project.root", "."));
        Path eval = root.resolve("../shared/eval").normalize();
        Map<String, List<Photo>> sets = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        if (Files.isDirectory(eval.resolve("plates/us"))) {
            List<Path> us = jpegs(eval.resolve("plates/us"));
            sets.put("traffic-1080", resized(us.subList(0, Math.min(count, us.size())), 1920, 1080));
            sets.put("collage-1080", CollageSet.build(eval.resolve("plates/eu"), eval.resolve("plates/us"), count)
                    .stream().map(c -> new Photo(c.name(), c.jpeg())).toList());
            sets.put("square-1280", squares(us.subList(us.size() - Math.min(count, us.size()), us.size()), 1280));
            sets.put("plates-web", own(files(eval.resolve("plates-web/images")), count));
            sets.put("faces", own(jpegs(eval.resolve("faces/images")), count));
        } else {
            String note = "../shared/eval is absent (" + eval + "): only the committed photos are measured";
            System.out.println("cost benchmark: " + note);
            notes.add(note);
        }
        List<Path> committed = jpegs(root.resolve("src/test/resources/images"));
        sets.put("committed", own(committed, 100));

        // warm-up: natives loaded, ONNX Runtime's allocations settled
        List<Photo> first = sets.values().iterator().next();
        for (Photo p : first.subList(0, Math.min(2, first.size()))) {
            anonymizer.anonymize(p.jpeg());
        }
        openReferenceText();
        openReferenceObjects();
        List<Row> rows = new ArrayList<>();
        try {
            for (Map.Entry<String, List<Photo>> set : sets.entrySet()) {
                for (Photo p : set.getValue()) {
                    rows.add(measure(set.getKey(), p));
                }
            }
        } finally {
            if (referenceText != null) {
                referenceText.close();
            }
            if (referenceObjects != null) {
                referenceObjects.close();
            }
        }
        String table = table(rows, notes);
        System.out.println(table);
        Path out = root.resolve("target/cost-benchmark.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
        assertFalse(rows.isEmpty());
    }

    private void openReferenceText() {
        if (models.text().isPresent() && !models.text().get().model().id().equals(REFERENCE_TEXT_MODEL)) {
            referenceText = openReference(REFERENCE_TEXT_MODEL);
            DetectionSettings.Text text = settings.text();
            referenceTextDetector = new DbnetTextDetector(referenceText, text.pixelThreshold(), text.unclipRatio(),
                    text.minSidePixels());
        }
    }

    private void openReferenceObjects() {
        if (models.objects().isPresent() && !models.objects().get().model().id().equals(REFERENCE_OBJECT_MODEL)) {
            referenceObjects = openReference(REFERENCE_OBJECT_MODEL);
            referenceObjectDetector = new NanoDetDetector(referenceObjects);
        }
    }

    /** A float model of the yardstick, on the configured models' threads (the reference floor as the floor is). */
    private ModelSession openReference(String id) {
        Path dir = Path.of("models");
        ModelDescriptor d = ModelSession.readDescriptor(dir, id, new ObjectMapper());
        return ModelSession.open(OrtEnvironment.getEnvironment(), dir, d, modelsConfig.intraOpThreads(), true, false,
                ModelSession.InferenceListener.NONE);
    }

    private Row measure(String set, Photo p) {
        Floor.Cost floor;
        Floor.Cost referenceFloor;
        try (Mat image = TestImages.decode(p.jpeg())) {
            floor = Floor.cost(models, image, 0, FLOOR_RUNS);
            referenceFloor = referenceTextDetector == null ? floor
                    : floor.minus(Floor.textPass(models.text().orElseThrow(), image, 0, FLOOR_RUNS))
                            .plus(Floor.textPass(referenceTextDetector, image, 0, FLOOR_RUNS));
            if (referenceObjectDetector != null) {
                referenceFloor = referenceFloor.minus(Floor.objectPass(models.objects().orElseThrow(), image, 0,
                        FLOOR_RUNS)).plus(Floor.objectPass(referenceObjectDetector, image, 0, FLOOR_RUNS));
            }
        }
        Map<String, Double> before = inferenceMillis();
        long start = System.nanoTime();
        long cpuStart = Floor.processCpuNanos();
        AnonymizedImage a = anonymizer.anonymize(p.jpeg());
        double ms = (System.nanoTime() - start) / 1e6;
        double cpuMs = (Floor.processCpuNanos() - cpuStart) / 1e6;
        Map<String, Double> after = inferenceMillis();
        String textId = models.text().map(d -> d.model().id()).orElse("");
        String faceId = models.faces().isEmpty() ? "" : models.faces().get(0).model().id();
        double textInference = after.getOrDefault(textId, 0.0) - before.getOrDefault(textId, 0.0);
        double faceInference = after.getOrDefault(faceId, 0.0) - before.getOrDefault(faceId, 0.0);
        Map<String, Long> steps = a.detectorMillis();
        int inferences = a.budgets().stream().mapToInt(b -> b.inferences()).sum();
        int vehicles = (int) a.found().stream().filter(r -> r.category() == Category.VEHICLE).count();
        double faceMp = 0;
        double textMp = 0;
        for (SearchPlan plan : a.plans()) {
            double mp = plan.inputPixels() / 1e6;
            if (plan.model().equals(models.text().map(d -> d.model().id()).orElse(""))) {
                textMp += mp;
            } else if (models.faces().stream().anyMatch(d -> d.model().id().equals(plan.model()))) {
                faceMp += mp;
            }
        }
        int uncovered = (int) a.plans().stream().filter(plan -> !plan.complete()).count();
        return new Row(set, p.name(), ms, floor.wallMs(), referenceFloor.wallMs(), cpuMs, floor.cpuMs(),
                referenceFloor.cpuMs(), vehicles, faceMp, textMp, uncovered,
                steps.getOrDefault("text", 0L), textInference, steps.getOrDefault("faces", 0L), faceInference,
                inferences);
    }

    /** Total inference ms so far, per model. */
    private Map<String, Double> inferenceMillis() {
        Map<String, Double> out = new java.util.TreeMap<>();
        for (Timer t : registry.find("anonymizer.model.inference").timers()) {
            out.put(t.getId().getTag("model"), t.totalTime(TimeUnit.MILLISECONDS));
        }
        return out;
    }

    private static String table(List<Row> rows, List<String> notes) {
        StringBuilder s = new StringBuilder();
        s.append("Cost per photo over its own floor (one pass of each model on that photo, same run)\n");
        notes.forEach(n -> s.append("- ").append(n).append('\n'));
        s.append("\n| set | photos | median ratio | p90 ratio | worst ratio (photo) | median ms | median floor ms "
                + "| vehicles (median / max) | face MP (median) | text MP (median / max) | plans short of wanted "
                + "| over reference floor: median / p90 / worst |\n"
                + "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, List<Row>> bySet = new LinkedHashMap<>();
        rows.forEach(r -> bySet.computeIfAbsent(r.set(), k -> new ArrayList<>()).add(r));
        for (Map.Entry<String, List<Row>> e : bySet.entrySet()) {
            List<Row> rs = e.getValue();
            Row worst = rs.stream().max((a, b) -> Double.compare(a.ratio(), b.ratio())).orElseThrow();
            s.append(String.format(Locale.ROOT,
                    "| %s | %d | %.2f | %.2f | %.2f (%s) | %.0f | %.0f | %.0f / %d | %.2f | %.2f / %.2f | %d "
                    + "| %.2f / %.2f / %.2f |%n",
                    e.getKey(), rs.size(), percentile(map(rs, Row::ratio), 50), percentile(map(rs, Row::ratio), 90),
                    worst.ratio(), worst.photo(), percentile(map(rs, Row::ms), 50),
                    percentile(map(rs, Row::floorMs), 50), percentile(map(rs, r -> (double) r.vehicles()), 50),
                    rs.stream().mapToInt(Row::vehicles).max().orElse(0), percentile(map(rs, Row::faceMp), 50),
                    percentile(map(rs, Row::textMp), 50), rs.stream().mapToDouble(Row::textMp).max().orElse(0),
                    rs.stream().mapToInt(Row::uncovered).sum(), percentile(map(rs, Row::referenceRatio), 50),
                    percentile(map(rs, Row::referenceRatio), 90),
                    rs.stream().mapToDouble(Row::referenceRatio).max().orElse(0)));
        }
        s.append("\nIn CPU time of the process (all threads), which a busy machine disturbs less: each photo's CPU "
                + "time over its floor's\n\n| set | median ratio | p90 ratio | worst ratio (photo) | median CPU ms "
                + "| median floor CPU ms | over reference floor: median / p90 / worst |\n"
                + "|---|---:|---:|---|---:|---:|---:|\n");
        for (Map.Entry<String, List<Row>> e : bySet.entrySet()) {
            List<Row> rs = e.getValue();
            Row worst = rs.stream().max((a, b) -> Double.compare(a.cpuRatio(), b.cpuRatio())).orElseThrow();
            s.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f (%s) | %.0f | %.0f | %.2f / %.2f / %.2f |%n",
                    e.getKey(), percentile(map(rs, Row::cpuRatio), 50), percentile(map(rs, Row::cpuRatio), 90),
                    worst.cpuRatio(), worst.photo(), percentile(map(rs, Row::cpuMs), 50),
                    percentile(map(rs, Row::floorCpuMs), 50), percentile(map(rs, Row::referenceCpuRatio), 50),
                    percentile(map(rs, Row::referenceCpuRatio), 90),
                    rs.stream().mapToDouble(Row::referenceCpuRatio).max().orElse(0)));
        }
        s.append("\nTime outside the models: each detector's step against its pure inference (ONNX Runtime `run`), "
                + "medians per photo (ms)\n\n| set | text step | text inference | face step | face inference "
                + "| model inputs per photo (median / max) |\n|---|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<Row>> e : bySet.entrySet()) {
            List<Row> rs = e.getValue();
            s.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f | %.0f / %d |%n", e.getKey(),
                    percentile(map(rs, Row::textStepMs), 50), percentile(map(rs, Row::textInferenceMs), 50),
                    percentile(map(rs, Row::faceStepMs), 50), percentile(map(rs, Row::faceInferenceMs), 50),
                    percentile(map(rs, r -> (double) r.inferences()), 50),
                    rs.stream().mapToInt(Row::inferences).max().orElse(0)));
        }
        double total = rows.stream().mapToDouble(Row::ms).sum() / 1000;
        double cpuTotal = rows.stream().mapToDouble(Row::cpuMs).sum() / 1000;
        s.append(String.format(Locale.ROOT, "%nAll %d photos: %.1f s end to end, %.2f images/s at concurrency 1; "
                + "%.1f CPU s, %.2f images per CPU second%n", rows.size(), total, rows.size() / total, cpuTotal,
                rows.size() / cpuTotal));
        s.append(String.format(Locale.ROOT, "CPU: %d cores visible to the JVM, load average %s%n",
                Runtime.getRuntime().availableProcessors(), PipelineBenchmarkTest.loadAverage()));
        return s.toString();
    }

    private static List<Double> map(List<Row> rows, java.util.function.ToDoubleFunction<Row> f) {
        return rows.stream().map(r -> f.applyAsDouble(r)).toList();
    }

    static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static List<Photo> own(List<Path> files, int count) {
        return files.stream().limit(count).map(f -> new Photo(f.getFileName().toString(), read(f))).toList();
    }

    private static List<Photo> resized(List<Path> files, int w, int h) {
        List<Photo> out = new ArrayList<>();
        for (Path f : files) {
            try (Mat src = TestImages.decode(read(f)); Mat big = new Mat(); Size size = new Size(w, h)) {
                resize(src, big, size, 0, 0, INTER_CUBIC);
                out.add(new Photo(f.getFileName().toString(), TestImages.encode(big, ".jpg")));
            }
        }
        return out;
    }

    /** Each photo fitted into a square canvas of {@code side} (enlarged where smaller), grey around it. */
    private static List<Photo> squares(List<Path> files, int side) {
        List<Photo> out = new ArrayList<>();
        for (Path f : files) {
            try (Mat src = TestImages.decode(read(f));
                    Mat canvas = new Mat(side, side, opencv_core.CV_8UC3, new Scalar(128, 128, 128, 0))) {
                place(src, canvas, new Rect(0, 0, side, side));
                out.add(new Photo(f.getFileName().toString(), TestImages.encode(canvas, ".jpg")));
            }
        }
        return out;
    }

    /** Fits {@code src} into {@code cell} of {@code canvas}, keeping its aspect, centred. */
    private static void place(Mat src, Mat canvas, Rect cell) {
        double s = Math.min((double) cell.width() / src.cols(), (double) cell.height() / src.rows());
        int w = Math.max(1, (int) Math.round(src.cols() * s));
        int h = Math.max(1, (int) Math.round(src.rows() * s));
        try (Mat fitted = new Mat(); Size size = new Size(w, h);
                Rect at = new Rect(cell.x() + (cell.width() - w) / 2, cell.y() + (cell.height() - h) / 2, w, h);
                Mat target = new Mat(canvas, at)) {
            resize(src, fitted, size, 0, 0, s < 1 ? INTER_AREA : INTER_CUBIC);
            fitted.copyTo(target);
        }
    }

    private static List<Path> jpegs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jpg")).sorted().toList();
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
