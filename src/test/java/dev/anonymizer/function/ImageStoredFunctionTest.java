package dev.anonymizer.function;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.region.Box;
import dev.anonymizer.support.ImageStats;
import dev.anonymizer.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Real CloudEvents over HTTP, binary and structured, against the embedded local store: the censored copy is written
 * to {@code <bucket>-anonymized} and the reply says what happened.
 */
@QuarkusTest
class ImageStoredFunctionTest {

    static final Path ROOT = Path.of("target/test-data");
    static final ObjectMapper JSON = new ObjectMapper();

    static String put(String bucket, String key, byte[] bytes) throws IOException {
        Path file = ROOT.resolve(bucket).resolve(key);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return key;
    }

    static Response postBinary(String type, String body) {
        return given()
                .header("ce-id", UUID.randomUUID().toString())
                .header("ce-specversion", "1.0")
                .header("ce-type", type)
                .header("ce-source", "/test")
                .contentType("application/json")
                .body(body)
                .post("/");
    }

    static Response postStructured(String type, String data) {
        String event = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/test\",\"type\":\""
                + type + "\",\"datacontenttype\":\"application/json\",\"data\":" + data + "}";
        return given().contentType("application/cloudevents+json").body(event).post("/");
    }

    @Test
    void binaryEventCensorsSyntheticPlateAndLeavesTheRestUntouched() throws IOException {
        byte[] png;
        try (Mat plate = TestImages.syntheticPlate()) {
            png = TestImages.encode(plate, ".png");
        }
        String bucket = "binary-" + UUID.randomUUID().toString().substring(0, 8);
        put(bucket, "cars/plate.png", png);

        postBinary(EventTypes.IMAGE_STORED, "{\"bucket\":\"" + bucket + "\",\"key\":\"cars/plate.png\"}")
                .then().statusCode(200)
                .header("ce-type", EventTypes.IMAGE_ANONYMIZED)
                .body("status", equalTo("anonymized"))
                .body("output.bucket", equalTo(bucket + "-anonymized"))
                .body("output.key", equalTo("cars/plate.png"))
                // the white plate's frame is found around its characters: one plate, not loose text
                .body("regions.plate", greaterThanOrEqualTo(1))
                .body("elapsedMs", greaterThanOrEqualTo(0));

        Path out = ROOT.resolve(bucket + "-anonymized").resolve("cars/plate.png");
        assertTrue(Files.isRegularFile(out), "censored copy written");
        try (Mat before = TestImages.decode(png); Mat after = TestImages.decode(Files.readAllBytes(out))) {
            double stdBefore = ImageStats.greyStdDev(before, TestImages.PLATE_TEXT);
            double stdAfter = ImageStats.greyStdDev(after, TestImages.PLATE_TEXT);
            assertTrue(stdAfter < stdBefore * 0.35, "plate text variance dropped: " + stdBefore + " -> " + stdAfter);
            // PNG is lossless: far from the plate every value is identical
            Box farCorner = new Box(0, 0, 120, 120);
            Box farBottom = new Box(0, 400, 640, 480);
            assertEquals(0, ImageStats.differingValues(before, after, farCorner));
            assertEquals(0, ImageStats.differingValues(before, after, farBottom));
        }
        assertTrue(Files.isRegularFile(ROOT.resolve(bucket + "-anonymized").resolve("cars/plate.png.audit.json")),
                "audit record beside the output");
    }

    @Test
    void structuredEventCensorsFaceOnRealPhoto() throws IOException {
        byte[] jpg = TestImages.bytes("grace_hopper_512x512.jpg");
        String bucket = "structured-" + UUID.randomUUID().toString().substring(0, 8);
        put(bucket, "portrait.jpg", jpg);

        Response r = postStructured(EventTypes.IMAGE_STORED, "{\"bucket\":\"" + bucket + "\",\"key\":\"portrait.jpg\"}");
        r.then().statusCode(200)
                .body("type", equalTo(EventTypes.IMAGE_ANONYMIZED))
                .body("data.status", equalTo("anonymized"))
                .body("data.regions.face", greaterThanOrEqualTo(1));

        Path out = ROOT.resolve(bucket + "-anonymized").resolve("portrait.jpg");
        try (Mat before = TestImages.decode(jpg); Mat after = TestImages.decode(Files.readAllBytes(out))) {
            Box face = new Box(200, 150, 320, 290);
            double stdBefore = ImageStats.laplacianVariance(before, face);
            double stdAfter = ImageStats.laplacianVariance(after, face);
            assertTrue(stdAfter < stdBefore * 0.1, "face detail gone: " + stdBefore + " -> " + stdAfter);
            // far from every censored box (bottom corners of the uniform, left of the medal ribbons that are found as
            // a plate) only JPEG re-encoding noise
            List<Box> corners = List.of(new Box(0, 430, 72, 512), new Box(420, 430, 512, 512));
            JsonNode censored = JSON.readTree(ROOT.resolve(bucket + "-anonymized").resolve("portrait.jpg.audit.json")
                    .toFile()).get("censoredBoxes");
            for (JsonNode c : censored) {
                JsonNode b = c.get("box");
                Box box = new Box(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble());
                corners.forEach(corner -> assertEquals(0, corner.intersectionArea(box), corner + " is censored: " + c));
            }
            for (Box corner : corners) {
                assertTrue(ImageStats.meanAbsDiff(before, after, corner) < 3, "noise only in " + corner);
            }
        }
    }

    @Test
    void missingObjectIsRejectedWithReasonAndWritesNothing() {
        String bucket = "missing-" + UUID.randomUUID().toString().substring(0, 8);
        postBinary(EventTypes.IMAGE_STORED, "{\"bucket\":\"" + bucket + "\",\"key\":\"nothing-here.jpg\"}")
                .then().statusCode(200)
                .header("ce-type", EventTypes.IMAGE_REJECTED)
                .body("reason", equalTo("not-found"));
        assertFalse(Files.exists(ROOT.resolve(bucket + "-anonymized")));
    }

    @Test
    void nonImageObjectIsRejectedWithReasonAndWritesNothing() throws IOException {
        String bucket = "text-" + UUID.randomUUID().toString().substring(0, 8);
        put(bucket, "notes.jpg", "this is a text file, not a photo".getBytes());
        postBinary(EventTypes.IMAGE_STORED, "{\"bucket\":\"" + bucket + "\",\"key\":\"notes.jpg\"}")
                .then().statusCode(200)
                .header("ce-type", EventTypes.IMAGE_REJECTED)
                .body("reason", equalTo("not-an-image"))
                .body("message", org.hamcrest.Matchers.containsString("not an image"));
        assertFalse(Files.exists(ROOT.resolve(bucket + "-anonymized").resolve("notes.jpg")));
    }

    @Test
    void missingFieldsAreRejectedAsInvalidEvent() {
        postBinary(EventTypes.IMAGE_STORED, "{\"bucket\":\"somewhere\"}")
                .then().statusCode(200)
                .header("ce-type", EventTypes.IMAGE_REJECTED)
                .body("reason", equalTo("invalid-event"));
    }

    @Test
    void unknownEventTypeIsNotAcceptedAndWritesNothing() throws IOException {
        String bucket = "unknown-" + UUID.randomUUID().toString().substring(0, 8);
        put(bucket, "a.png", TestImages.bytes("dog.jpg"));
        postBinary("com.example.something.else", "{\"bucket\":\"" + bucket + "\",\"key\":\"a.png\"}")
                .then().statusCode(404);
        assertFalse(Files.exists(ROOT.resolve(bucket + "-anonymized")));
    }
}
