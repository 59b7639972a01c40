package dev.anonymizer.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.function.EventTypes;
import dev.anonymizer.storage.ObjectRef;
import dev.anonymizer.storage.ObjectStore;
import dev.anonymizer.support.EventSink;
import dev.anonymizer.support.Events;
import dev.anonymizer.support.PrometheusText;
import dev.anonymizer.support.ReviewProfile;
import dev.anonymizer.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * Review mode off, with the same settings under which {@link ReviewFlagTest} gets doubts for the portrait: no doubts
 * in the reply or the audit record, no event, no count.
 */
@QuarkusTest
@TestProfile(ReviewProfile.Off.class)
class ReviewOffTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ObjectStore store;

    @Test
    void noDoubtsAreComputedOrReported() throws Exception {
        String bucket = "review-off-" + UUID.randomUUID().toString().substring(0, 8);
        store.put(ObjectRef.of(bucket, "portrait.jpg"), TestImages.bytes("grace_hopper_512x512.jpg"), "image/jpeg",
                Map.of());
        String requested = "anonymizer_review_requested_total";
        PrometheusText before = new PrometheusText(RestAssured.get("/q/metrics").then().extract().asString());
        JsonNode reply;
        try (EventSink sink = new EventSink(ReviewProfile.sinkPort())) {
            reply = JSON.readTree(Events.imageStored(bucket, "portrait.jpg").then().statusCode(200)
                    .header("ce-type", EventTypes.IMAGE_ANONYMIZED).extract().asByteArray());
            // the event would be sent before the reply: none has come by now, none will
            assertNull(sink.next(1), "no review-requested event");
        }
        PrometheusText after = new PrometheusText(RestAssured.get("/q/metrics").then().extract().asString());
        assertFalse(reply.has("doubts"), reply.toString());
        JsonNode audit = JSON.readTree(store.get(ObjectRef.of(bucket + "-anonymized", "portrait.jpg.audit.json"))
                .bytes());
        assertFalse(audit.has("doubts"), "no doubts in the audit record");
        assertEquals(0, reply.path("regions").path("face").asInt(0), "the face is under the threshold all the same");
        assertEquals(0, after.value(requested, Map.of()) - before.value(requested, Map.of()));
    }
}
