package dev.anonymizer.benchmark;

import static io.restassured.RestAssured.given;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.anonymizer.detection.ModelRegistry;
import dev.anonymizer.function.EventTypes;
import dev.anonymizer.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Per-step time for 1920x1080 photos through the whole function with the configured settings, from the reply
 * events' {@code timingsMs}: median of 10 events after 2 warm-up events, one event at a time (one core's work:
 * every session runs one intra-op thread). Two photos: a car filling the frame (opencv-doc's
 * licenseplate_motion.jpg) and a beach with small people (darknet's kite.jpg), both enlarged to 1920x1080. Beside
 * them the floor they are measured against: one pass of each default model on the same photo (the face model at
 * 1920x1088, the text model at a long side of 960, the object model at its 416 input), median of 10. Run on
 * purpose: {@code ./mvnw verify -Pbenchmark -Dtest=FullHdStepsBenchmarkTest}.
 */
@QuarkusTest
@Tag("benchmark")
class FullHdStepsBenchmarkTest {

    private static final int RUNS = 12;
    private static final int WARM_UP = 2;

    @Inject
    ModelRegistry models;

    @Test
    void stepsOfA1920x1080Photo() throws Exception {
        for (String photo : List.of("licenseplate_motion.jpg", "kite.jpg")) {
            byte[] jpg;
            double floor;
            try (Mat src = TestImages.load(photo); Mat big = new Mat(); Size size = new Size(1920, 1080)) {
                resize(src, big, size, 0, 0, INTER_CUBIC);
                jpg = TestImages.encode(big, ".jpg");
                floor = Floor.onePassOfEach(models, big, WARM_UP, RUNS - WARM_UP);
            }
            Map<String, List<Long>> steps = run(jpg);
            System.out.println("1920x1080 " + photo + ", configured settings, median of " + (RUNS - WARM_UP) + " (ms):");
            steps.forEach((k, v) -> System.out.printf("  %-22s %6d%n", k, median(v)));
            long total = median(steps.get("total (elapsedMs)"));
            System.out.printf("  one pass of each model: %.0f ms; end to end / one pass of each = %.2f%n", floor,
                    total / floor);
        }
    }

    private Map<String, List<Long>> run(byte[] jpg) throws Exception {
        String bucket = "fullhd-" + UUID.randomUUID().toString().substring(0, 8);
        Path dir = Files.createDirectories(Path.of("target/test-data").resolve(bucket));
        Map<String, List<Long>> steps = new LinkedHashMap<>();
        for (int i = 0; i < RUNS; i++) {
            Files.write(dir.resolve("p" + i + ".jpg"), jpg);
            String body = given().header("ce-id", UUID.randomUUID().toString()).header("ce-specversion", "1.0")
                    .header("ce-type", EventTypes.IMAGE_STORED).header("ce-source", "/benchmark")
                    .contentType("application/json").body("{\"bucket\":\"" + bucket + "\",\"key\":\"p" + i + ".jpg\"}")
                    .post("/").then().statusCode(200).extract().asString();
            if (i < WARM_UP) {
                continue;
            }
            JsonPath reply = JsonPath.from(body);
            Map<String, Object> timings = reply.getMap("timingsMs");
            timings.forEach((k, v) -> steps.computeIfAbsent(k, x -> new ArrayList<>()).add(((Number) v).longValue()));
            steps.computeIfAbsent("total (elapsedMs)", x -> new ArrayList<>()).add(reply.getLong("elapsedMs"));
            if (i == WARM_UP) {
                System.out.println("regions found: " + reply.getMap("regions"));
            }
        }
        return steps;
    }

    private static long median(List<Long> values) {
        List<Long> s = new ArrayList<>(values);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
