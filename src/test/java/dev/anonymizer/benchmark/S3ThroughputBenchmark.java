package dev.anonymizer.benchmark;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.anonymizer.function.EventTypes;
import dev.anonymizer.support.SameBucketS3Profile;
import dev.anonymizer.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Throughput of the whole function against S3Proxy: KafkaSource-style CloudEvents posted over HTTP with 1, 2 and 4
 * requests in flight, for a fixed set of 40 images (the six real photos and synthetic plates). Every round uses its
 * own keys, so nothing is skipped as already done. Prints events/s, median and p95 latency, and the JVM's RSS.
 * Not part of the default run: {@code ./mvnw verify -Pbenchmark -Dtest=S3ThroughputBenchmark}.
 */
@Tag("benchmark")
@QuarkusTest
@TestProfile(SameBucketS3Profile.class)
class S3ThroughputBenchmark {

    static final String BUCKET = "bench";
    static final int IMAGES = 40;
    static final int WARM_UP = 4;
    static final int[] CONCURRENCY = {1, 2, 4};
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    S3Client s3;

    @Test
    void throughput() throws Exception {
        s3.createBucket(b -> b.bucket(BUCKET));
        List<byte[]> images = images();

        // warm-up: JIT, model sessions, connection pools
        List<String> warm = upload("warm", images.subList(0, WARM_UP));
        for (String key : warm) {
            post(key);
        }

        StringBuilder table = new StringBuilder(String.format("%n%-12s %8s %10s %10s %10s%n", "concurrency", "events",
                "events/s", "median ms", "p95 ms"));
        for (int n : CONCURRENCY) {
            List<String> keys = upload("n" + n, images);
            ExecutorService pool = Executors.newFixedThreadPool(n);
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            long start = System.nanoTime();
            try {
                List<Future<?>> done = new ArrayList<>();
                for (String key : keys) {
                    done.add(pool.submit(() -> {
                        long t = System.nanoTime();
                        post(key);
                        latencies.add((System.nanoTime() - t) / 1_000_000);
                    }));
                }
                for (Future<?> f : done) {
                    f.get(10, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            table.append(String.format("%-12d %8d %10.2f %10d %10d%n", n, keys.size(), keys.size() / seconds,
                    percentile(sorted, 0.5), percentile(sorted, 0.95)));
        }
        table.append(String.format("JVM RSS at the end: %s (Quarkus, models and the test in one JVM; S3Proxy is a "
                + "separate process)%n", rss()));
        System.out.println(table);
    }

    /** The six real photos, then synthetic 800x600 plates, 40 in all. */
    static List<byte[]> images() {
        List<byte[]> out = new ArrayList<>();
        for (String name : List.of("dog.jpg", "person.jpg", "grace_hopper_512x512.jpg", "messi5.jpg",
                "licenseplate_motion.jpg", "kite.jpg")) {
            out.add(TestImages.bytes(name));
        }
        for (int i = 0; out.size() < IMAGES; i++) {
            try (Mat m = TestImages.syntheticPlate(i, 800, 600)) {
                out.add(TestImages.encode(m, i % 2 == 0 ? ".jpg" : ".png"));
            }
        }
        return out;
    }

    List<String> upload(String round, List<byte[]> images) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            byte[] bytes = images.get(i);
            boolean png = bytes[0] == (byte) 0x89;
            String key = round + "/" + UUID.randomUUID().toString().substring(0, 8) + "-" + i + (png ? ".png" : ".jpg");
            s3.putObject(b -> b.bucket(BUCKET).key(key).contentType(png ? "image/png" : "image/jpeg"),
                    RequestBody.fromBytes(bytes));
            keys.add(key);
        }
        return keys;
    }

    static void post(String key) {
        ObjectNode event = JSON.createObjectNode();
        ObjectNode record = event.putArray("Records").addObject().put("eventName", "ObjectCreated:Put");
        record.putObject("s3").putObject("bucket").put("name", BUCKET);
        ((ObjectNode) record.get("s3")).putObject("object").put("key", key);
        Response r = given().header("ce-id", UUID.randomUUID().toString()).header("ce-specversion", "1.0")
                .header("ce-source", "/benchmark").header("ce-type", EventTypes.KAFKA_EVENT)
                .contentType("application/json").body(event.toString().getBytes(StandardCharsets.UTF_8)).post("/");
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals(EventTypes.IMAGE_ANONYMIZED, r.header("ce-type"), r.asString());
    }

    static long percentile(List<Long> sorted, double p) {
        int i = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    static String rss() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> l.substring(6).trim()).findFirst().orElse("unknown");
    }
}
