package dev.anonymizer.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.censor.CensorSettings;
import dev.anonymizer.config.CensorConfig;
import dev.anonymizer.detection.DetectionSettings;
import dev.anonymizer.function.EventTypes;
import dev.anonymizer.region.Category;
import dev.anonymizer.storage.ObjectRef;
import dev.anonymizer.storage.ObjectStore;
import dev.anonymizer.support.DocumentShapes;
import dev.anonymizer.support.EventSink;
import dev.anonymizer.support.Events;
import dev.anonymizer.support.JsonShape;
import dev.anonymizer.support.PrometheusText;
import dev.anonymizer.support.ReviewProfile;
import dev.anonymizer.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * Review mode flag, with real models on the portrait whose face scores under the profile's threshold but in its band:
 * the copy is written, and the reply, the audit record, a review-requested CloudEvent (received over HTTP) and the
 * metrics name the same doubts.
 */
@QuarkusTest
@TestProfile(ReviewProfile.class)
class ReviewFlagTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ObjectStore store;

    @Inject
    PolicyFingerprint fingerprint;

    @Inject
    CensorConfig censor;

    @Inject
    DetectionSettings detection;

    static PrometheusText scrape() {
        return new PrometheusText(RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    @Test
    void aPhotoWithDoubtsIsWrittenAndItsDoubtsReported() throws Exception {
        String bucket = "review-" + UUID.randomUUID().toString().substring(0, 8);
        store.put(ObjectRef.of(bucket, "people/portrait.jpg"), TestImages.bytes("grace_hopper_512x512.jpg"),
                "image/jpeg", Map.of());
        PrometheusText before = scrape();
        JsonNode reply;
        EventSink.Received event;
        try (EventSink sink = new EventSink(ReviewProfile.sinkPort())) {
            reply = JSON.readTree(Events.imageStored(bucket, "people/portrait.jpg").then().statusCode(200)
                    .header("ce-type", EventTypes.IMAGE_ANONYMIZED).extract().asByteArray());
            event = sink.next(30);
            assertEquals(0, sink.pending(), "one event per photo");
        }
        PrometheusText after = scrape();

        JsonNode doubts = reply.get("doubts");
        assertNotNull(doubts, reply.toString());
        Set<String> kinds = new HashSet<>();
        for (JsonNode d : doubts) {
            kinds.add(d.get("kind").asText());
            assertEquals(4, d.get("box").size(), d.toString());
            for (JsonNode v : d.get("box")) {
                assertTrue(v.asInt() >= 0 && v.asInt() <= 512, "a box in the image's pixels: " + d);
            }
        }
        assertTrue(kinds.contains("face-below-threshold"), doubts.toString());
        assertTrue(Set.of("face-below-threshold", "person-without-face").containsAll(kinds), "only the rules that are on: "
                + doubts);
        JsonNode face = doubts.findParents("kind").stream()
                .filter(d -> d.get("kind").asText().equals("face-below-threshold")).findFirst().orElseThrow();
        double score = face.get("score").asDouble();
        assertTrue(score >= 0.009 && score < 0.999, "a score in the band: " + face);
        assertEquals(0, reply.path("regions").path("face").asInt(0), "a face under the threshold is no finding");
        assertTrue(JsonShape.paths(reply, "timingsMs").containsAll(DocumentShapes.DOUBTS), reply.toString());

        JsonNode audit = JSON.readTree(store.get(ObjectRef.of(bucket + "-anonymized", "people/portrait.jpg.audit.json"))
                .bytes());
        assertEquals(doubts, audit.get("doubts"), "the audit record names the reply's doubts");
        assertEquals(fingerprint.value(), audit.path("policy").path("fingerprint").asText());
        assertTrue(store.head(ObjectRef.of(bucket + "-anonymized", "people/portrait.jpg")).isPresent(),
                "flag writes the copy to the output as always");

        assertNotNull(event, "a review-requested event reached the sink");
        assertEquals(ReviewRequests.TYPE, event.headers().get("ce-type"));
        assertEquals("people/portrait.jpg", event.headers().get("ce-subject"));
        JsonNode data = JSON.readTree(event.body());
        assertEquals(DocumentShapes.REVIEW_REQUESTED, JsonShape.paths(data), data.toString());
        assertEquals(bucket, data.path("input").path("bucket").asText());
        assertEquals("people/portrait.jpg.audit.json", data.path("audit").path("key").asText());
        assertEquals(doubts, data.get("doubts"));

        String requested = "anonymizer_review_requested_total";
        assertEquals(1, after.value(requested, Map.of()) - before.value(requested, Map.of()), "one photo asked");
        for (String kind : kinds) {
            Map<String, String> tag = Map.of("kind", kind);
            long named = doubts.findParents("kind").stream().filter(d -> d.get("kind").asText().equals(kind)).count();
            assertEquals(named, after.value("anonymizer_doubts_total", tag)
                    - before.value("anonymizer_doubts_total", tag), "every doubt of the kind counted: " + kind);
        }
    }

    @Test
    void thePolicyFingerprintFollowsTheCensoringSettings() {
        CensorSettings running = CoreSettings.censor(censor);
        assertTrue(fingerprint.value().matches("[0-9a-f]{64}"), fingerprint.value());
        assertEquals(fingerprint.value(), PolicyFingerprint.of(running, detection), "stable for the same settings");
        Map<Category, CensorSettings.CategoryPolicy> policies = new EnumMap<>(running.categories());
        policies.put(Category.FACE, new CensorSettings.CategoryPolicy(true, policies.get(Category.FACE).style(), 0.5,
                0.5));
        CensorSettings morePadding = new CensorSettings(running.blurCells(), running.pixelateCells(), policies);
        assertNotEquals(fingerprint.value(), PolicyFingerprint.of(morePadding, detection));
        assertNotEquals(fingerprint.value(), PolicyFingerprint.of(new CensorSettings(running.blurCells() + 1,
                running.pixelateCells(), running.categories()), detection));
    }
}
