package dev.anonymizer.pipeline;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import dev.anonymizer.function.EventTypes;
import dev.anonymizer.config.StorageConfig;
import dev.anonymizer.storage.ObjectStore;
import dev.anonymizer.support.FastPipelineProfile;
import dev.anonymizer.support.PrometheusText;
import dev.anonymizer.support.TestImages;
import dev.anonymizer.storage.ObjectRef;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The pipeline's metrics as Prometheus scrapes them from /q/metrics, after real events: an anonymized image, a
 * rejected one and a storage failure.
 */
@QuarkusTest
@TestProfile(FastPipelineProfile.class)
class MetricsTest {

    static final String IMAGES = "anonymizer_images_total";
    static final String STEP = "anonymizer_step_seconds";

    @Inject
    ObjectStore store;

    @Inject
    StorageConfig storage;

    static PrometheusText scrape() {
        return new PrometheusText(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    static Response post(String bucket, String key) {
        return given()
                .header("ce-specversion", "1.0")
                .header("ce-id", UUID.randomUUID().toString())
                .header("ce-type", EventTypes.IMAGE_STORED)
                .header("ce-source", "/test")
                .contentType("application/json")
                .body("{\"bucket\":\"" + bucket + "\",\"key\":\"" + key + "\"}")
                .post("/");
    }

    @Test
    void outcomesStepsRegionsAndInferenceAreExported() throws Exception {
        String bucket = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        try (Mat plate = TestImages.syntheticPlate()) {
            store.put(ObjectRef.of(bucket, "plate.png"), TestImages.encode(plate, ".png"), "image/png", Map.of());
        }
        store.put(ObjectRef.of(bucket, "notes.txt"), "not an image".getBytes(StandardCharsets.UTF_8), "text/plain", Map.of());
        // a storage fault: a plain file where the output bucket's directory must be created
        String blocked = "metrics-blocked-" + UUID.randomUUID().toString().substring(0, 8);
        store.put(ObjectRef.of(blocked, "plate.png"), store.get(ObjectRef.of(bucket, "plate.png")).bytes(),
                "image/png", Map.of());
        Files.writeString(storage.local().root().resolve(blocked + "-anonymized"), "in the way");

        PrometheusText before = scrape();
        post(bucket, "plate.png").then().statusCode(200).header("ce-type", EventTypes.IMAGE_ANONYMIZED);
        post(bucket, "notes.txt").then().statusCode(200).header("ce-type", EventTypes.IMAGE_REJECTED);
        post(blocked, "plate.png").then().statusCode(500);
        PrometheusText after = scrape();

        Map<String, String> anonymized = Map.of("outcome", "anonymized", "reason", "none");
        Map<String, String> rejected = Map.of("outcome", "rejected", "reason", "not-an-image");
        Map<String, String> failed = Map.of("outcome", "failed", "reason", "storage-unavailable");
        assertEquals(1, after.value(IMAGES, anonymized) - before.value(IMAGES, anonymized), "anonymized");
        assertEquals(1, after.value(IMAGES, rejected) - before.value(IMAGES, rejected), "rejected by reason");
        assertEquals(1, after.value(IMAGES, failed) - before.value(IMAGES, failed), "failures by reason");

        // a latency histogram per step: buckets, count and sum, in seconds
        for (String step : List.of("fetch", "decode", "detect", "detect.text", "censor", "encode", "store", "total")) {
            Map<String, String> tag = Map.of("step", step);
            assertTrue(after.value(STEP + "_count", tag) > before.value(STEP + "_count", tag), "step " + step);
            List<PrometheusText.Sample> buckets = after.find(STEP + "_bucket", tag);
            assertTrue(buckets.size() > 5, "histogram buckets for " + step + ": " + buckets.size());
            assertTrue(buckets.stream().anyMatch(b -> b.labels().get("le").equals("+Inf")), step + " has +Inf");
            // this run's share only: earlier tests of the same application add to the sums too
            double seconds = (after.value(STEP + "_sum", tag) - before.value(STEP + "_sum", tag))
                    / (after.value(STEP + "_count", tag) - before.value(STEP + "_count", tag));
            assertTrue(seconds < 60, "seconds, not milliseconds: " + step + " " + seconds);
        }
        // the white plate's frame is found around its characters: censored as a plate, not as loose text
        Map<String, String> plate = Map.of("category", "plate");
        assertTrue(after.value("anonymizer_regions_censored_total", plate)
                > before.value("anonymizer_regions_censored_total", plate), "plate regions censored");
        // inference time of the text model, the floor under the detect step
        Map<String, String> model = Map.of("model", "ppocr-v4-det-int8m");
        assertTrue(after.value("anonymizer_model_inference_seconds_count", model)
                > before.value("anonymizer_model_inference_seconds_count", model), "inference timer");
        assertFalse(after.find("anonymizer_model_inference_seconds_bucket", model).isEmpty(), "inference histogram");
    }
}
