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

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.anonymizer.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Per-step time for one 1920x1080 photo through the whole pipeline with the default configuration (darknet's
 * kite.jpg, a beach with small people, enlarged to 1920x1080), from the reply events' {@code timingsMs}: median of
 * 10 events after 2 warm-up events. Run on purpose: {@code ./mvnw test -Pbenchmark -Dtest=FullHdStepsBenchmarkTest}.
 */
@QuarkusTest
@Tag("benchmark")
class FullHdStepsBenchmarkTest {

    @Test
    void stepsOfA1920x1080Photo() throws Exception {
        byte[] jpg;
        try (Mat kite = TestImages.load("kite.jpg"); Mat big = new Mat(); Size size = new Size(1920, 1080)) {
            resize(kite, big, size, 0, 0, INTER_CUBIC);
            jpg = TestImages.encode(big, ".jpg");
        }
        String bucket = "fullhd-" + UUID.randomUUID().toString().substring(0, 8);
        Path dir = Files.createDirectories(Path.of("target/test-data").resolve(bucket));
        Map<String, List<Long>> steps = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            Files.write(dir.resolve("p" + i + ".jpg"), jpg);
            String body = given().header("ce-id", UUID.randomUUID().toString()).header("ce-specversion", "1.0")
                    .header("ce-type", "dev.anonymizer.image.stored").header("ce-source", "/benchmark")
                    .contentType("application/json").body("{\"bucket\":\"" + bucket + "\",\"key\":\"p" + i + ".jpg\"}")
                    .post("/").then().statusCode(200).extract().asString();
            if (i < 2) {
                continue;
            }
            JsonPath reply = JsonPath.from(body);
            Map<String, Object> timings = reply.getMap("timingsMs");
            timings.forEach((k, v) -> steps.computeIfAbsent(k, x -> new ArrayList<>()).add(((Number) v).longValue()));
            steps.computeIfAbsent("total (elapsedMs)", x -> new ArrayList<>()).add(reply.getLong("elapsedMs"));
            if (i == 2) {
                System.out.println("regions found: " + reply.getMap("regions"));
            }
        }
        System.out.println("1920x1080 photo, default configuration, median of 10 (ms):");
        steps.forEach((k, v) -> {
            List<Long> s = new ArrayList<>(v);
            Collections.sort(s);
            System.out.printf("  %-22s %6d%n", k, s.get(s.size() / 2));
        });
    }
}
