package dev.anonymizer.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Cold start of the packaged JVM function, as Knative sees it after scale-to-zero: process start to ready
 * ({@code /q/health/ready} answers 200), the first event's latency (a real photo, CloudEvent over HTTP, to the
 * reply), later events' latency and the process RSS. Each variant starts the function afresh, with the manifest's
 * JVM options in a container of its memory limit ({@link MemoryBenchmarkIT#JAVA_OPTS}, {@code -XX:MaxRAM}) and its
 * environment; the variants take turns, run by run, so that the machine's load spreads over all of them:
 * <ul>
 * <li>the default JDK ({@code java} on the PATH, or {@code -Dbenchmark.java=...}) and JDK 25
 * ({@code -Dbenchmark.java25=JAVA_HOME}, default Temurin 25's folder; left out when absent);</li>
 * <li>with JDK 25 also the AOT cache {@code target/quarkus-app/app.aot} (built by {@code -Paot}; left out when
 * absent), with {@code -XX:AOTMode=on} so that a cache the JVM cannot use fails the run instead of being measured
 * as if it were used;</li>
 * <li>the models loaded one after the other or in parallel ({@code anonymizer.models.parallel-load}).</li>
 * </ul>
 * Run on purpose, after {@code package}: {@code ./mvnw verify -Pbenchmark -Dit.test=ColdStartBenchmarkIT}
 * ({@code -Dbenchmark.runs=N}, default 5; {@code -Dbenchmark.app=DIR} measures another quarkus-app folder, whose
 * {@code app.aot} must have been recorded in that very folder; {@code -Dbenchmark.only=TEXT} keeps the variants whose
 * name holds TEXT). Prints a
 * table of medians and writes it to {@code target/cold-start.md}.
 */
@Tag("benchmark")
class ColdStartBenchmarkIT {

    static final Path ROOT = Path.of(System.getProperty("project.root", ".")).toAbsolutePath();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final String FIRST = "grace_hopper_512x512.jpg";
    static final List<String> LATER = List.of("dog.jpg", "person.jpg", "messi5.jpg", "kite.jpg");
    private static final Pattern MODELS_LOADED = Pattern.compile("(\\d+) models loaded in (\\d+) ms");

    /** One way to start the function. */
    record Variant(String name, String java, List<String> jvmOptions) {
    }

    /** What one start measured. */
    record Run(long readyMs, long firstEventMs, List<Long> laterMs, long modelsLoadedMs, long rssMiB) {
    }

    @Test
    void coldStartToReadyAndFirstEvent() throws Exception {
        Path app = Path.of(System.getProperty("benchmark.app", ROOT.resolve("target/quarkus-app").toString()));
        Path jar = app.resolve("quarkus-run.jar");
        assertTrue(Files.isRegularFile(jar), "run after package: " + jar);
        int runs = Integer.getInteger("benchmark.runs", 5);
        // -Dbenchmark.only=TEXT keeps the variants whose name holds TEXT (more runs of fewer variants)
        String only = System.getProperty("benchmark.only", "");
        List<Variant> variants = variants(app).stream().filter(v -> v.name().contains(only)).toList();
        Map<Variant, List<Run>> results = new LinkedHashMap<>();
        variants.forEach(v -> results.put(v, new ArrayList<>()));
        for (int run = 0; run < runs; run++) {
            for (Variant v : variants) {
                results.get(v).add(start(v, jar));
            }
        }
        String table = table(results, runs);
        System.out.println(table);
        Files.writeString(ROOT.resolve("target/cold-start.md"), table);
    }

    static List<Variant> variants(Path app) throws IOException, InterruptedException {
        String java = System.getProperty("benchmark.java", "java");
        Path java25 = Path.of(System.getProperty("benchmark.java25", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin/java");
        Path aot = app.resolve("app.aot");
        List<Variant> out = new ArrayList<>();
        for (boolean parallel : List.of(false, true)) {
            String loading = parallel ? "parallel" : "one after the other";
            List<String> models = List.of("-Danonymizer.models.parallel-load=" + parallel);
            out.add(new Variant(version(java) + ", " + loading, java, models));
            if (Files.isExecutable(java25)) {
                out.add(new Variant(version(java25.toString()) + ", " + loading, java25.toString(), models));
                if (Files.isRegularFile(aot)) {
                    List<String> withCache = new ArrayList<>(List.of("-XX:AOTMode=on", "-XX:AOTCache=" + aot));
                    withCache.addAll(models);
                    out.add(new Variant(version(java25.toString()) + " + AOT cache, " + loading, java25.toString(),
                            withCache));
                }
            }
        }
        return out;
    }

    /** "Java 17.0.15" from {@code java -version}. */
    static String version(String java) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = Pattern.compile("version \"([^\"]+)\"").matcher(out);
        return "Java " + (m.find() ? m.group(1) : java);
    }

    static Run start(Variant v, Path jar) throws Exception {
        Path data = Files.createTempDirectory("anonymizer-coldstart");
        Path photos = Files.createDirectories(data.resolve("photos"));
        Files.copy(ROOT.resolve("src/test/resources/images").resolve(FIRST), photos.resolve(FIRST));
        for (String name : LATER) {
            Files.copy(ROOT.resolve("src/test/resources/images").resolve(name), photos.resolve(name));
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(v.java(), "-XX:MaxRAM=" + MemoryBenchmarkIT.CONTAINER_LIMIT));
        cmd.addAll(MemoryBenchmarkIT.JAVA_OPTS);
        cmd.addAll(v.jvmOptions());
        cmd.addAll(List.of("-Dquarkus.http.port=" + port, "-Danonymizer.storage.local.root=" + data,
                "-Dorg.bytedeco.javacpp.cachedir=" + ROOT.resolve("target/javacpp-cache"), "-jar", jar.toString()));
        Path log = data.resolve("log.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(MemoryBenchmarkIT.ENV);
        long start = System.nanoTime();
        Process p = pb.start();
        try {
            waitReady(port, p, log);
            long ready = ms(start);
            long t = System.nanoTime();
            assertEquals(200, post(port, FIRST));
            long first = ms(t);
            List<Long> later = new ArrayList<>();
            for (String name : LATER) {
                t = System.nanoTime();
                assertEquals(200, post(port, name));
                later.add(ms(t));
            }
            long rss = rssKb(p.pid()) / 1024;
            Matcher m = MODELS_LOADED.matcher(Files.readString(log));
            long loaded = m.find() ? Long.parseLong(m.group(2)) : -1;
            return new Run(ready, first, later, loaded, rss);
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    static String table(Map<Variant, List<Run>> results, int runs) {
        StringBuilder s = new StringBuilder();
        s.append("Cold start of the packaged JVM function (").append(runs).append(" runs per variant, medians; JVM options ")
                .append(String.join(" ", MemoryBenchmarkIT.JAVA_OPTS)).append(", -XX:MaxRAM=")
                .append(MemoryBenchmarkIT.CONTAINER_LIMIT).append(", ").append(MemoryBenchmarkIT.ENV).append(")\n\n");
        s.append("| variant | process start -> ready (ms) | models loaded (ms) | first event (ms) | ready + first event"
                + " (ms) | later events (ms) | RSS after 5 events (MiB) | ready, runs (ms) | first event, runs (ms) |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|---|---|\n");
        results.forEach((v, list) -> {
            List<Long> ready = list.stream().map(Run::readyMs).toList();
            List<Long> first = list.stream().map(Run::firstEventMs).toList();
            List<Long> both = list.stream().map(r -> r.readyMs() + r.firstEventMs()).toList();
            List<Long> later = list.stream().flatMap(r -> r.laterMs().stream()).toList();
            s.append("| ").append(v.name()).append(" | ").append(median(ready)).append(" | ")
                    .append(median(list.stream().map(Run::modelsLoadedMs).toList())).append(" | ")
                    .append(median(first)).append(" | ").append(median(both)).append(" | ").append(median(later))
                    .append(" | ").append(median(list.stream().map(Run::rssMiB).toList())).append(" | ")
                    .append(ready).append(" | ").append(first).append(" |\n");
        });
        return s.toString();
    }

    static void waitReady(int port, Process p) throws Exception {
        waitReady(port, p, null);
    }

    static void waitReady(int port, Process p, Path log) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("the function exited during start-up"
                        + (log == null ? "" : ":\n" + Files.readString(log)));
            }
            try {
                if (HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        throw new AssertionError("not ready within 60 s");
    }

    static int post(int port, String key) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .header("ce-id", UUID.randomUUID().toString()).header("ce-specversion", "1.0")
                .header("ce-type", dev.anonymizer.backfill.ImageStoredEvent.TYPE).header("ce-source", "/benchmark")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"bucket\":\"photos\",\"key\":\"" + key + "\"}"))
                .build();
        return HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    static long median(List<Long> v) {
        return percentile(v, 0.5);
    }

    static long percentile(List<Long> v, double q) {
        List<Long> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(q * s.size()) - 1));
    }
}
