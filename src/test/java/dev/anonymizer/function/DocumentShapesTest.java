package dev.anonymizer.function;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.anonymizer.storage.ObjectRef;
import dev.anonymizer.storage.ObjectStore;
import dev.anonymizer.support.DocumentShapes;
import dev.anonymizer.support.Events;
import dev.anonymizer.support.JsonShape;
import dev.anonymizer.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The JSON documents the function writes keep their fields: each reply, the audit record, the status page and the
 * backfill reply, taken from real requests, hold exactly the field set their readers know ({@link DocumentShapes}).
 * A renamed, dropped or added field fails here.
 */
@QuarkusTest
class DocumentShapesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ObjectStore store;

    static JsonNode body(Response r) throws Exception {
        return JSON.readTree(r.then().statusCode(200).extract().asByteArray());
    }

    static String bucket(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anonymizedReplyAndItsAuditRecord() throws Exception {
        String bucket = bucket("shape");
        store.put(ObjectRef.of(bucket, "people/portrait.jpg"), TestImages.bytes("grace_hopper_512x512.jpg"), "image/jpeg", Map.of());
        JsonNode reply = body(Events.imageStored(bucket, "people/portrait.jpg"));
        assertEquals(DocumentShapes.ANONYMIZED_REPLY, JsonShape.paths(reply, "timingsMs", "doubts"), reply.toString());
        DocumentShapes.assertDoubts(reply.get("doubts"));
        DocumentShapes.assertTimings(reply.get("timingsMs"), DocumentShapes.STORE_STEPS, 2);

        JsonNode audit = JSON.readTree(store.get(ObjectRef.of(bucket + "-anonymized", "people/portrait.jpg.audit.json"))
                .bytes());
        assertEquals(DocumentShapes.STORED_AUDIT, JsonShape.paths(audit, "timingsMs", "doubts"), audit.toString());
        assertEquals(reply.get("doubts"), audit.get("doubts"), "the reply names the audit record's doubts");
        assertTrue(audit.get("input").has("etag"), "the input's etag is named, null or not");
        DocumentShapes.assertTimings(audit.get("timingsMs"), DocumentShapes.AUDITED_STEPS, 2);

        // the same object again: its output is there already
        JsonNode again = body(Events.imageStored(bucket, "people/portrait.jpg"));
        assertEquals("already-anonymized", again.get("reason").asText(), again.toString());
        assertEquals(DocumentShapes.SKIPPED_WITH_OUTPUT_REPLY, JsonShape.paths(again), again.toString());
    }

    @Test
    void rejectedAndSkippedReplies() throws Exception {
        String bucket = bucket("shape-rej");
        store.put(ObjectRef.of(bucket, "notes.txt"), "not an image".getBytes(StandardCharsets.UTF_8), "text/plain", Map.of());
        JsonNode rejected = body(Events.imageStored(bucket, "notes.txt"));
        assertEquals("rejected", rejected.get("status").asText());
        assertEquals(DocumentShapes.REJECTED_REPLY, JsonShape.paths(rejected), rejected.toString());

        JsonNode ownOutput = body(Events.imageStored(bucket + "-anonymized", "x.jpg"));
        assertEquals("own-output", ownOutput.get("reason").asText(), ownOutput.toString());
        assertEquals(DocumentShapes.REJECTED_REPLY, JsonShape.paths(ownOutput), ownOutput.toString());

        JsonNode invalid = body(given().header("ce-id", "1").header("ce-specversion", "1.0")
                .header("ce-type", EventTypes.IMAGE_STORED).header("ce-source", "/test")
                .contentType("application/json").body("{\"bucket\":\"b\"}").post("/"));
        assertEquals(DocumentShapes.INVALID_REPLY, JsonShape.paths(invalid), invalid.toString());
    }

    @Test
    void plainS3NotificationReplies() throws Exception {
        String bucket = bucket("shape-s3");
        store.put(ObjectRef.of(bucket, "a.txt"), "not an image".getBytes(StandardCharsets.UTF_8), "text/plain", Map.of());
        store.put(ObjectRef.of(bucket, "b.txt"), "not an image".getBytes(StandardCharsets.UTF_8), "text/plain", Map.of());
        ObjectNode two = JSON.createObjectNode();
        for (String key : new String[] {"a.txt", "b.txt"}) {
            ObjectNode s3 = two.withArray("Records").addObject().put("eventName", "ObjectCreated:Put").putObject("s3");
            s3.putObject("bucket").put("name", bucket);
            s3.putObject("object").put("key", key);
        }
        JsonNode several = postPlain(two);
        assertEquals(EventTypes.IMAGES_PROCESSED, several.get("type").asText());
        assertEquals(DocumentShapes.SEVERAL_PLAIN_REPLY, JsonShape.paths(several), several.toString());

        ObjectNode delete = JSON.createObjectNode();
        ObjectNode s3 = delete.withArray("Records").addObject().put("eventName", "ObjectRemoved:Delete").putObject("s3");
        s3.putObject("bucket").put("name", bucket);
        s3.putObject("object").put("key", "a.txt");
        JsonNode ignored = postPlain(delete);
        assertEquals(DocumentShapes.IGNORED_PLAIN_REPLY, JsonShape.paths(ignored), ignored.toString());

        JsonNode one = postPlain(JSON.readTree(two.toString().replace(",{\"eventName\":\"ObjectCreated:Put\",\"s3\":"
                + "{\"bucket\":{\"name\":\"" + bucket + "\"},\"object\":{\"key\":\"b.txt\"}}}", "")));
        assertEquals(DocumentShapes.ONE_PLAIN_REPLY, JsonShape.paths(one), one.toString());
    }

    static JsonNode postPlain(JsonNode notification) throws Exception {
        return body(given().contentType("application/json").body(notification.toString()).post("/s3Notification"));
    }

    @Test
    void statusPage() throws Exception {
        JsonNode status = body(given().header("Accept", "application/json").get("/"));
        assertEquals(DocumentShapes.STATUS_PAGE, JsonShape.paths(status), status.toString());
    }

    @Test
    void backfillReplies() throws Exception {
        String bucket = bucket("shape-bf");
        store.put(ObjectRef.of(bucket, "in/notes.txt"), "not an image".getBytes(StandardCharsets.UTF_8), "text/plain", Map.of());
        JsonNode accepted = body(backfill("{\"bucket\":\"" + bucket + "\",\"prefix\":\"in/\"}"));
        assertEquals(DocumentShapes.BACKFILL_ACCEPTED, JsonShape.paths(accepted), accepted.toString());
        JsonNode rejected = body(backfill("{\"prefix\":\"in/\"}"));
        assertEquals(DocumentShapes.INVALID_REPLY, JsonShape.paths(rejected), rejected.toString());
    }

    static Response backfill(String data) {
        return given().header("ce-specversion", "1.0").header("ce-id", UUID.randomUUID().toString())
                .header("ce-type", EventTypes.BACKFILL_REQUESTED).header("ce-source", "/test")
                .contentType("application/json").body(data).post("/");
    }
}
