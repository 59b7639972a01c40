package dev.anonymizer.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Cold start of the packaged JVM function, as Knative sees it after scale-to-zero: process start to ready
 * ({@code /q/health/ready} answers 200), the first event's latency, later events' latency and the process RSS.
 * Run on purpose, after {@code package}: {@code ./mvnw verify -Pbenchmark -Dit.test=ColdStartBenchmarkIT}.
 */
@Tag("benchmark")
class ColdStartBenchmarkIT {

    static final Path ROOT = Path.of(System.getProperty("project.root", ".")).toAbsolutePath();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void coldStartToReadyAndFirstEvent() throws Exception {
        Path jar = ROOT.resolve("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.isRegularFile(jar), "run after package: " + jar);
        List<Long> ready = new ArrayList<>();
        List<Long> first = new ArrayList<>();
        List<Long> later = new ArrayList<>();
        List<Long> rss = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            Path data = Files.createTempDirectory("anonymizer-coldstart");
            Path photos = Files.createDirectories(data.resolve("photos"));
            for (String name : List.of("grace_hopper_512x512.jpg", "dog.jpg", "person.jpg", "messi5.jpg", "kite.jpg")) {
                Files.copy(ROOT.resolve("src/test/resources/images").resolve(name), photos.resolve(name));
            }
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            long start = System.nanoTime();
            Process p = new ProcessBuilder("java", "-Dquarkus.http.port=" + port,
                    "-Danonymizer.storage.local.root=" + data,
                    "-Dorg.bytedeco.javacpp.cachedir=" + ROOT.resolve("target/javacpp-cache"),
                    "-jar", jar.toString())
                    .directory(ROOT.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(data.resolve("log.txt").toFile())
                    .start();
            try {
                waitReady(port, p);
                ready.add(ms(start));
                long t = System.nanoTime();
                assertEquals(200, post(port, "grace_hopper_512x512.jpg"));
                first.add(ms(t));
                for (int i = 0; i < 4; i++) {
                    for (String name : List.of("dog.jpg", "person.jpg", "messi5.jpg", "kite.jpg")) {
                        Files.copy(photos.resolve(name), photos.resolve(i + "-" + name));
                        t = System.nanoTime();
                        assertEquals(200, post(port, i + "-" + name));
                        later.add(ms(t));
                    }
                }
                rss.add(rssKb(p.pid()) / 1024);
            } finally {
                p.destroy();
                p.waitFor();
            }
        }
        System.out.println("cold start of the packaged JVM function (3 runs, median):");
        System.out.printf("  process start -> ready: %d ms (runs %s)%n", median(ready), ready);
        System.out.printf("  first event (grace_hopper 512x512): %d ms (runs %s)%n", median(first), first);
        System.out.printf("  later events (dog, person, messi5, kite): median %d ms, p95 %d ms over %d%n", median(later),
                percentile(later, 0.95), later.size());
        System.out.printf("  RSS after %d events: %d MiB (runs %s)%n", 17, median(rss), rss);
    }

    static void waitReady(int port, Process p) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(p.isAlive(), "the function exited during start-up");
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
                .header("ce-type", "dev.anonymizer.image.stored").header("ce-source", "/benchmark")
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
