package dev.anonymizer.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.anonymizer.pipeline.AnonymizationPipeline;
import dev.anonymizer.pipeline.Outcome;
import dev.anonymizer.storage.ObjectRef;
import dev.anonymizer.storage.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The whole pipeline on real photos, with the default settings (all detectors, planned search, closer looks), run on
 * purpose: {@code ./mvnw verify -Pbenchmark}. Prints per step the median and p95 ms per image, images/s at
 * concurrency 1 and 2, the peak RSS, and the floor: the models' pure inference time (ONNX Runtime run only, from
 * the {@code anonymizer.model.inference} timer), so the pipeline's overhead shows as a ratio. The table is also
 * written to {@code target/benchmark.md}.
 * <p>
 * Images: the committed photos in src/test/resources/images, plus the first {@code benchmark.eval.count} (default
 * 12) of {@code ../shared/eval/plates/eu} and of {@code ../shared/eval/faces/images} when that directory exists.
 */
@QuarkusTest
@Tag("benchmark")
class PipelineBenchmarkTest {

    static final List<String> STEPS = List.of("fetch", "decode", "detect.objects", "detect.faces", "detect.text",
            "censor", "encode", "store", "total");

    @Inject
    AnonymizationPipeline pipeline;

    @Inject
    ObjectStore store;

    @Inject
    MeterRegistry registry;

    record Image(String set, String name, byte[] bytes) {
    }

    @Test
    void benchmark() throws Exception {
        Path root = Path.of(System.getProperty("project.root", "."));
        int evalCount = Integer.getInteger("benchmark.eval.count", 12);
        List<Image> images = new ArrayList<>(load("committed", root.resolve("src/test/resources/images"), 100));
        List<String> notes = new ArrayList<>();
        notes.add("committed: " + images.size() + " photos of src/test/resources/images");
        Path eval = root.resolve("../shared/eval").normalize();
        for (String[] set : new String[][] { { "plates-eu", "plates/eu" }, { "faces", "faces/images" } }) {
            Path dir = eval.resolve(set[1]);
            if (Files.isDirectory(dir)) {
                images.addAll(load(set[0], dir, evalCount));
                notes.add(set[0] + ": first " + evalCount + " of " + dir);
            } else {
                String note = set[0] + ": skipped, " + dir + " is absent";
                System.out.println("benchmark: " + note);
                notes.add(note);
            }
        }
        String loadBefore = loadAverage();
        String bucket = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        for (String run : List.of("warm", "c1", "c2")) {
            for (Image img : images) {
                store.put(ObjectRef.of(bucket, run + "/" + img.set() + "/" + img.name()), img.bytes(), "image/jpeg", Map.of());
            }
        }

        // warm-up: the first image loads OpenCV's natives and lets ONNX Runtime settle its allocations
        for (Image img : images.subList(0, Math.min(3, images.size()))) {
            pipeline.process(ObjectRef.of(bucket, "warm/" + img.set() + "/" + img.name()));
        }

        // concurrency 1: per-image step times and, around each image, the inference time per model
        Map<String, List<Double>> steps = new LinkedHashMap<>();
        Map<String, List<Double>> inference = new TreeMap<>();
        List<Double> inferenceTotal = new ArrayList<>();
        long start = System.nanoTime();
        for (Image img : images) {
            Map<String, Double> before = inferenceMillis();
            Outcome o = pipeline.process(ObjectRef.of(bucket, "c1/" + img.set() + "/" + img.name()));
            Map<String, Double> after = inferenceMillis();
            assertEquals(Outcome.Status.ANONYMIZED, o.status(), img.name() + ": " + o.reasonCode());
            for (String step : STEPS) {
                double ms = step.equals("total") ? o.elapsedMs() : ((Outcome.Anonymized) o).timingsMs().steps().getOrDefault(step, 0L);
                steps.computeIfAbsent(step, k -> new ArrayList<>()).add(ms);
            }
            double sum = 0;
            for (Map.Entry<String, Double> e : after.entrySet()) {
                double ms = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
                inference.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(ms);
                sum += ms;
            }
            inferenceTotal.add(sum);
        }
        double wall1 = (System.nanoTime() - start) / 1e9;

        // concurrency 2: two images at once, as the function does with two requests in flight
        ExecutorService two = Executors.newFixedThreadPool(2);
        start = System.nanoTime();
        try {
            List<Future<Outcome>> done = new ArrayList<>();
            for (Image img : images) {
                done.add(two.submit(() -> pipeline.process(ObjectRef.of(bucket, "c2/" + img.set() + "/" + img.name()))));
            }
            for (Future<Outcome> f : done) {
                assertEquals(Outcome.Status.ANONYMIZED, f.get().status());
            }
        } finally {
            two.shutdown();
            two.awaitTermination(1, TimeUnit.MINUTES);
        }
        double wall2 = (System.nanoTime() - start) / 1e9;

        // the load average shows whether other processes competed for the cores during the run
        notes.add("load average before " + loadBefore + ", after " + loadAverage());
        String table = table(images.size(), notes, steps, inference, inferenceTotal, wall1, wall2);
        System.out.println(table);
        Path out = root.resolve("target/benchmark.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
    }

    /** Total inference ms so far, per model. */
    private Map<String, Double> inferenceMillis() {
        Map<String, Double> out = new TreeMap<>();
        for (Timer t : registry.find("anonymizer.model.inference").timers()) {
            out.put(t.getId().getTag("model"), t.totalTime(TimeUnit.MILLISECONDS));
        }
        return out;
    }

    private static List<Image> load(String set, Path dir, int max) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jpg")).sorted()
                    .limit(max).map(p -> {
                        try {
                            return new Image(set, p.getFileName().toString(), Files.readAllBytes(p));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).toList();
        }
    }

    private static String table(int n, List<String> notes, Map<String, List<Double>> steps,
            Map<String, List<Double>> inference, List<Double> inferenceTotal, double wall1, double wall2) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "Images: %d%n", n));
        notes.forEach(note -> s.append("- ").append(note).append('\n'));
        s.append('\n');
        s.append("| step | median ms | p95 ms | mean ms |\n|---|---:|---:|---:|\n");
        for (Map.Entry<String, List<Double>> e : steps.entrySet()) {
            row(s, e.getKey(), e.getValue());
        }
        s.append("\nFloor: pure inference per image (ONNX Runtime `run` only, all calls of the image: whole image, "
                + "tiles, crops)\n\n| model | median ms | p95 ms | mean ms |\n|---|---:|---:|---:|\n");
        for (Map.Entry<String, List<Double>> e : inference.entrySet()) {
            row(s, e.getKey(), e.getValue());
        }
        row(s, "all models", inferenceTotal);
        double pipelineSum = steps.get("total").stream().mapToDouble(Double::doubleValue).sum();
        double inferenceSum = inferenceTotal.stream().mapToDouble(Double::doubleValue).sum();
        s.append(String.format(Locale.ROOT, "%nPipeline total / pure inference: %.2f (sum over images; median %.2f)%n",
                pipelineSum / inferenceSum, percentile(steps.get("total"), 50) / percentile(inferenceTotal, 50)));
        s.append(String.format(Locale.ROOT, "%n| concurrency | images/s | wall s |%n|---:|---:|---:|%n"));
        s.append(String.format(Locale.ROOT, "| 1 | %.2f | %.1f |%n", n / wall1, wall1));
        s.append(String.format(Locale.ROOT, "| 2 | %.2f | %.1f |%n", n / wall2, wall2));
        s.append(String.format(Locale.ROOT, "%nPeak RSS (VmHWM of the test JVM): %s%n", vmHwm()));
        s.append(String.format(Locale.ROOT, "CPU: %s, %d cores visible to the JVM%n", cpuModel(),
                Runtime.getRuntime().availableProcessors()));
        return s.toString();
    }

    private static void row(StringBuilder s, String name, List<Double> values) {
        s.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", name, percentile(values, 50),
                percentile(values, 95), values.stream().mapToDouble(Double::doubleValue).average().orElse(0)));
    }

    /** Nearest-rank percentile. */
    static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static String vmHwm() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> l.substring(6).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
