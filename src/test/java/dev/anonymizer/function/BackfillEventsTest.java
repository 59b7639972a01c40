package dev.anonymizer.function;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.anonymizer.backfill.BackfillService;
import dev.anonymizer.storage.ObjectStore;
import dev.anonymizer.support.FastPipelineProfile;
import dev.anonymizer.support.SyntheticImages;
import dev.anonymizer.storage.ObjectRef;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** {@code dev.anonymizer.backfill.requested} posted as a real binary CloudEvent. */
@QuarkusTest
@TestProfile(FastPipelineProfile.class)
class BackfillEventsTest {

    @Inject
    ObjectStore store;

    @Inject
    BackfillService backfill;

    static Response post(String data) {
        return given()
                .header("ce-specversion", "1.0")
                .header("ce-id", UUID.randomUUID().toString())
                .header("ce-type", EventTypes.BACKFILL_REQUESTED)
                .header("ce-source", "/test")
                .contentType("application/json")
                .body(data)
                .post("/");
    }

    @Test
    void acceptedWithCountThenProcessedInTheBackground() throws Exception {
        String bucket = "bf-event-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 20; i++) {
            store.put(ObjectRef.of(bucket, "in/img-" + i + ".png"), SyntheticImages.blocksPng(i, 64, 48), "image/png", Map.of());
        }
        store.put(ObjectRef.of(bucket, "elsewhere/img.png"), SyntheticImages.blocksPng(99, 64, 48), "image/png", Map.of());

        post("{\"bucket\":\"" + bucket + "\",\"prefix\":\"in/\"}")
                .then().statusCode(200)
                .header("ce-type", EventTypes.BACKFILL_ACCEPTED)
                .body("status", equalTo("accepted"))
                .body("mode", equalTo("process"))
                .body("found", equalTo(20))
                .body("prefix", equalTo("in/"));

        long deadline = System.currentTimeMillis() + 60_000;
        while (backfill.isPending(bucket, "in/") && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(backfill.isPending(bucket, "in/"), "background run finished");
        List<String> outputs = new ArrayList<>();
        store.list(bucket + "-anonymized", "", n -> {
            if (n.key().endsWith(".png")) {
                outputs.add(n.key());
            }
        });
        assertEquals(20, outputs.size(), "every image under the prefix, nothing else: " + outputs);
    }

    /** {@code "stale": true}: copies whose audit record names another policy are made again in the background. */
    @Test
    void aStaleRequestRedoesStaleCopies() throws Exception {
        String bucket = "bf-event-stale-" + UUID.randomUUID().toString().substring(0, 8);
        store.put(ObjectRef.of(bucket, "in/a.png"), SyntheticImages.blocksPng(1, 64, 48), "image/png", Map.of());
        store.put(ObjectRef.of(bucket, "in/b.png"), SyntheticImages.blocksPng(2, 64, 48), "image/png", Map.of());
        post("{\"bucket\":\"" + bucket + "\",\"prefix\":\"in/\"}").then().statusCode(200);
        awaitRun(bucket);
        ObjectRef auditA = ObjectRef.of(bucket + "-anonymized", "in/a.png.audit.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode record = (ObjectNode) json.readTree(store.get(auditA).bytes());
        String running = record.path("policy").path("fingerprint").asText();
        ((ObjectNode) record.get("policy")).put("fingerprint", "0".repeat(64));
        store.put(auditA, json.writeValueAsBytes(record), "application/json", Map.of());
        String processedBefore = record.path("processedAt").asText();
        String processedB = json.readTree(store.get(ObjectRef.of(bucket + "-anonymized", "in/b.png.audit.json"))
                .bytes()).path("processedAt").asText();

        post("{\"bucket\":\"" + bucket + "\",\"prefix\":\"in/\",\"stale\":true}")
                .then().statusCode(200)
                .header("ce-type", EventTypes.BACKFILL_ACCEPTED)
                .body("mode", equalTo("process"))
                .body("stale", equalTo(true));
        awaitRun(bucket);
        JsonNode redone = json.readTree(store.get(auditA).bytes());
        assertEquals(running, redone.path("policy").path("fingerprint").asText(), "the stale copy was made again");
        assertFalse(processedBefore.equals(redone.path("processedAt").asText()));
        assertEquals(processedB, json.readTree(store.get(ObjectRef.of(bucket + "-anonymized", "in/b.png.audit.json"))
                .bytes()).path("processedAt").asText(), "the current copy was left alone");
    }

    private void awaitRun(String bucket) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (backfill.isPending(bucket, "in/") && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(backfill.isPending(bucket, "in/"), "background run finished");
    }

    @Test
    void invalidRequestsAreRejectedNotRetried() {
        post("{\"prefix\":\"in/\"}").then().statusCode(200)
                .header("ce-type", EventTypes.BACKFILL_REJECTED)
                .body("reason", equalTo("invalid-event"));
        post("{\"bucket\":\"b\",\"mode\":\"sideways\"}").then().statusCode(200)
                .header("ce-type", EventTypes.BACKFILL_REJECTED)
                .body("message", containsString("'process' or 'publish'"));
        // no sink configured here, and the event cannot name one
        post("{\"bucket\":\"b\",\"mode\":\"publish\"}").then().statusCode(200)
                .header("ce-type", EventTypes.BACKFILL_REJECTED)
                .body("message", containsString("sink"));
    }
}
