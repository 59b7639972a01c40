package dev.anonymizer.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

import dev.anonymizer.function.EventTypes;
import dev.anonymizer.storage.ObjectStore;
import dev.anonymizer.support.FastPipelineProfile;
import dev.anonymizer.support.TestImages;
import dev.anonymizer.storage.ObjectRef;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code GET /} as a browser and as a script see it: an HTML status page and the same as JSON, with the version,
 * the loaded models and their licences, and the images handled since start; no ERROR line for it; events POSTed to
 * {@code /} still reach the function.
 */
@QuarkusTest
@TestProfile(FastPipelineProfile.class)
class StatusPageTest {

    static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Inject
    ObjectStore store;

    static JsonPath status() {
        return given().accept("application/json").get("/").then().statusCode(200)
                .contentType(startsWith("application/json")).extract().jsonPath();
    }

    static void post(String bucket, String key, String expectedType) {
        given().header("ce-specversion", "1.0").header("ce-id", UUID.randomUUID().toString())
                .header("ce-type", EventTypes.IMAGE_STORED).header("ce-source", "/test").contentType("application/json")
                .body("{\"bucket\":\"" + bucket + "\",\"key\":\"" + key + "\"}").post("/")
                .then().statusCode(200).header("ce-type", expectedType);
    }

    @Test
    void browsersGetHtmlScriptsGetJsonAndNothingIsLoggedAsError() {
        List<LogRecord> errors = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    synchronized (errors) {
                        errors.add(r);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = LogManager.getLogManager().getLogger("");
        root.addHandler(capture);
        try {
            String html = given().accept(BROWSER_ACCEPT).get("/").then().statusCode(200)
                    .contentType(startsWith("text/html")).extract().asString();
            assertTrue(html.contains("<h1>image-anonymizer 0.1.0-SNAPSHOT</h1>"), html);
            assertTrue(html.contains("<td>ppocr-v4-det-int8m</td><td>dbnet</td><td>Apache-2.0</td>"), "model and licence: "
                    + html);
            for (String link : List.of("/q/health/live", "/q/health/ready", "/q/metrics", "/docs")) {
                assertTrue(html.contains("href=\"" + link + "\""), link + " linked: " + html);
            }
            JsonPath json = status();
            assertEquals("0.1.0-SNAPSHOT", json.getString("version"));
            assertEquals(List.of("ppocr-v4-det-int8m"), json.getList("models.id"), "the fast profile loads the text model only");
            assertEquals("Apache-2.0", json.getString("models[0].licence"));
            assertEquals("/q/metrics", json.getString("links.metrics"));
            given().get("/docs").then().statusCode(200).contentType(startsWith("text/plain"))
                    .body(containsString("# image-anonymizer"));
        } finally {
            root.removeHandler(capture);
        }
        assertTrue(errors.isEmpty(), "no ERROR log for the status page: " + errors.stream().map(LogRecord::getMessage)
                .toList());
    }

    @Test
    void countsTheImagesHandledSinceStart() throws Exception {
        String bucket = "status-" + UUID.randomUUID().toString().substring(0, 8);
        try (Mat plate = TestImages.syntheticPlate()) {
            store.put(ObjectRef.of(bucket, "plate.png"), TestImages.encode(plate, ".png"), "image/png", Map.of());
        }
        store.put(ObjectRef.of(bucket, "notes.txt"), "not an image".getBytes(), "text/plain", Map.of());
        JsonPath before = status();

        post(bucket, "plate.png", EventTypes.IMAGE_ANONYMIZED);
        post(bucket, "notes.txt", EventTypes.IMAGE_REJECTED);
        post(bucket + "-anonymized", "plate.png", EventTypes.IMAGE_SKIPPED);

        JsonPath after = status();
        for (String outcome : List.of("anonymized", "rejected", "skipped")) {
            assertEquals(before.getLong("imagesSinceStart." + outcome) + 1, after.getLong("imagesSinceStart." + outcome),
                    outcome);
        }
        String html = given().accept(BROWSER_ACCEPT).get("/").then().extract().asString();
        assertTrue(html.contains("<b>" + after.getLong("imagesSinceStart.anonymized") + "</b> anonymized"), html);
    }
}
