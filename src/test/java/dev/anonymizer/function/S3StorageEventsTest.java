package dev.anonymizer.function;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.anonymizer.pipeline.OutputMarks;
import dev.anonymizer.storage.ObjectStore;
import dev.anonymizer.support.InjectS3Proxy;
import dev.anonymizer.support.S3ProxyServer;
import dev.anonymizer.support.SameBucketS3Profile;
import dev.anonymizer.support.TestImages;
import dev.anonymizer.storage.ObjectRef;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The function against a real S3 server (S3Proxy, filesystem backend), fed real CloudEvents over HTTP in binary and
 * structured mode and plain webhook POSTs, with input and output in the same bucket. What is checked is what would
 * lose or leak data: loops on our own output, rewrites, writes after a fault, output for bad input.
 */
@QuarkusTest
@TestProfile(SameBucketS3Profile.class)
class S3StorageEventsTest {

    static final String BUCKET = "photos";
    static final String PREFIX = SameBucketS3Profile.PREFIX;
    static final ObjectMapper JSON = new ObjectMapper();

    @InjectS3Proxy
    S3ProxyServer server;

    @Inject
    S3Client s3;

    @Inject
    ObjectStore store;

    @BeforeEach
    void bucket() {
        try {
            s3.createBucket(b -> b.bucket(BUCKET));
        } catch (BucketAlreadyOwnedByYouException e) {
            // created by an earlier test
        } catch (S3Exception e) {
            if (e.statusCode() != 409) {
                throw e;
            }
        }
    }

    // ---------------------------------------------------------------- formats and same-bucket output

    @Test
    void kafkaWrappedMinioNotificationInBinaryModeIsAnonymizedUnderThePrefix() throws Exception {
        String key = unique("in/dog.jpg");
        byte[] input = TestImages.bytes("dog.jpg");
        String etag = put(key, input);

        Response r = postBinary(EventTypes.KAFKA_EVENT, s3Notification("s3:ObjectCreated:Put", key, etag, true));
        r.then().statusCode(200);
        assertEquals(EventTypes.IMAGE_ANONYMIZED, r.header("ce-type"));
        JsonNode data = JSON.readTree(r.asByteArray());
        assertEquals("anonymized", data.path("status").asText(), data.toString());
        assertEquals(PREFIX + key, data.at("/output/key").asText());
        assertEquals(BUCKET, data.at("/output/bucket").asText(), "same bucket, prefix mode");

        HeadObjectResponse out = s3.headObject(b -> b.bucket(BUCKET).key(PREFIX + key));
        assertEquals("true", out.metadata().get(OutputMarks.MARKER));
        assertEquals(etag, out.metadata().get(OutputMarks.SOURCE_ETAG));
        assertEquals("image/jpeg", out.contentType());
        JsonNode audit = audit(key);
        assertEquals(sha256(input), audit.at("/input/sha256").asText());
        assertEquals(sha256(get(PREFIX + key)), audit.at("/output/sha256").asText());

        // what logs and health checks print names the endpoint, never the credentials
        String described = store.describe();
        assertTrue(described.contains(server.endpoint()), described);
        assertFalse(described.contains(S3ProxyServer.SECRET_KEY) || described.contains(S3ProxyServer.ACCESS_KEY), described);
    }

    @Test
    void everyProviderFormatReachesThePipeline() throws Exception {
        byte[] image = TestImages.bytes("grace_hopper_512x512.jpg");

        // plain webhook POST (MinIO / Ceph HTTP endpoint) to the function's path
        String webhookKey = unique("webhook/portrait.jpg");
        put(webhookKey, image);
        JsonNode webhook = JSON.readTree(given().contentType("application/json")
                .body(s3Notification("s3:ObjectCreated:Put", webhookKey, null, true).toString().getBytes(StandardCharsets.UTF_8))
                .post("/s3Notification").then().statusCode(200).extract().asByteArray());
        assertEquals(EventTypes.IMAGE_ANONYMIZED, webhook.path("type").asText(), webhook.toString());
        assertEquals("anonymized", webhook.at("/data/status").asText());

        // AWS EventBridge, structured mode
        String ebKey = unique("eventbridge/portrait.jpg");
        String ebEtag = put(ebKey, image);
        ObjectNode eb = (ObjectNode) sample("eventbridge-object-created.json");
        ((ObjectNode) eb.at("/detail/bucket")).put("name", BUCKET);
        ((ObjectNode) eb.at("/detail/object")).put("key", formEncode(ebKey)).put("etag", ebEtag);
        assertAnonymized(postStructured(EventTypes.AWS_S3_OBJECT_CREATED, eb, "application/json"), ebKey);

        // GCS via Eventarc, binary mode
        String gcsKey = unique("gcs/My Portrait.jpg");
        put(gcsKey, image);
        ObjectNode gcs = (ObjectNode) sample("gcs-object-finalized.json");
        gcs.put("bucket", BUCKET).put("name", gcsKey);
        gcs.remove("md5Hash");
        Response g = postBinary(EventTypes.GCS_OBJECT_FINALIZED, gcs);
        assertEquals("anonymized", JSON.readTree(g.asByteArray()).path("status").asText(), g.asString());

        // Azure Event Grid, structured mode WITHOUT datacontenttype, as Event Grid sends it
        String azKey = unique("azure/new photos/1+1 café.jpg");
        put(azKey, image);
        ObjectNode az = (ObjectNode) sample("azure-blob-created.cloudevent.json");
        ((ObjectNode) az.get("data")).put("url", "https://acct.blob.core.windows.net/" + BUCKET + "/"
                + URLEncoder.encode(azKey, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/"));
        JsonNode azReply = JSON.readTree(given().contentType("application/cloudevents+json").body(az.toString().getBytes(StandardCharsets.UTF_8))
                .post("/").then().statusCode(200).extract().asByteArray());
        assertEquals("anonymized", azReply.at("/data/status").asText(), azReply.toString());
        assertEquals(PREFIX + azKey, azReply.at("/data/output/key").asText());
        assertTrue(exists(PREFIX + azKey));
    }

    @Test
    void severalRecordsAreEachProcessedAndDeletesIgnored() throws Exception {
        String a = unique("multi/a.jpg");
        String b = unique("multi/b.jpg");
        put(a, TestImages.bytes("messi5.jpg"));
        put(b, TestImages.bytes("grace_hopper_512x512.jpg"));
        ObjectNode event = s3Notification("ObjectCreated:Put", a, null, false);
        ArrayNode records = (ArrayNode) event.get("Records");
        records.add(s3Notification("ObjectRemoved:Delete", unique("multi/gone.jpg"), null, false).get("Records").get(0));
        records.add(s3Notification("ObjectCreated:CompleteMultipartUpload", b, null, false).get("Records").get(0));

        Response r = postBinary(EventTypes.KAFKA_EVENT, event);
        assertEquals(EventTypes.IMAGES_PROCESSED, r.header("ce-type"));
        JsonNode results = JSON.readTree(r.asByteArray()).get("results");
        assertEquals(2, results.size(), results.toString());
        assertEquals(a, results.get(0).at("/input/key").asText());
        assertEquals(b, results.get(1).at("/input/key").asText());
        assertTrue(exists(PREFIX + a) && exists(PREFIX + b));

        Response deleteOnly = postBinary(EventTypes.KAFKA_EVENT, sample("aws-s3-delete.json"));
        deleteOnly.then().statusCode(200);
        assertEquals(EventTypes.IMAGE_SKIPPED, deleteOnly.header("ce-type"));
        assertEquals("not-a-create-event", JSON.readTree(deleteOnly.asByteArray()).path("reason").asText());
    }

    @Test
    void keyWithSpacesAndUnicodeRoundTrips() throws Exception {
        String key = unique("Fotos 2024/Straße café 東京 1+1 (copy).jpg");
        put(key, TestImages.bytes("licenseplate_motion.jpg"));
        Response r = postBinary(EventTypes.KAFKA_EVENT, s3Notification("ObjectCreated:Put", key, null, false));
        JsonNode data = JSON.readTree(r.asByteArray());
        assertEquals("anonymized", data.path("status").asText(), data.toString());
        assertEquals(key, data.at("/input/key").asText());
        assertTrue(exists(PREFIX + key), "output under the exact decoded key");
        assertEquals(key, audit(key).at("/input/key").asText());
        // non-ASCII metadata survives the trip through HTTP headers
        assertEquals(BUCKET + "/" + key, store.head(ObjectRef.of(BUCKET, PREFIX + key)).orElseThrow().metadata()
                .get(OutputMarks.SOURCE));
    }

    // ---------------------------------------------------------------- no loops, no rewrites

    @Test
    void eventForOwnOutputIsSkipped() throws Exception {
        String key = unique("own/portrait.jpg");
        put(key, TestImages.bytes("grace_hopper_512x512.jpg"));
        assertAnonymized(postBinary(EventTypes.KAFKA_EVENT, s3Notification("ObjectCreated:Put", key, null, false)), key);

        // the storage system notifies about our own write, in the same bucket
        for (String own : List.of(PREFIX + key, PREFIX + key + ".audit.json")) {
            Response r = postBinary(EventTypes.KAFKA_EVENT, s3Notification("ObjectCreated:Put", own, null, false));
            assertEquals(EventTypes.IMAGE_SKIPPED, r.header("ce-type"));
            JsonNode data = JSON.readTree(r.asByteArray());
            assertEquals("skipped", data.path("status").asText());
            assertEquals("own-output", data.path("reason").asText());
            assertFalse(exists(PREFIX + own), "nothing written for our own output");
        }
    }

    @Test
    void sameEventTwiceIsNotRewrittenButANewVersionIs() throws Exception {
        String key = unique("idem/photo.jpg");
        byte[] v1 = TestImages.bytes("dog.jpg");
        String etag1 = put(key, v1);
        ObjectNode event = s3Notification("ObjectCreated:Put", key, etag1, false);
        assertAnonymized(postBinary(EventTypes.KAFKA_EVENT, event), key);
        HeadObjectResponse first = s3.headObject(b -> b.bucket(BUCKET).key(PREFIX + key));
        String processedAt = audit(key).path("processedAt").asText();

        // redelivery of the same event, now in structured mode
        JsonNode again = JSON.readTree(postStructured(EventTypes.KAFKA_EVENT, event, "application/json").asByteArray());
        assertEquals(EventTypes.IMAGE_SKIPPED, again.path("type").asText(), again.toString());
        assertEquals("already-anonymized", again.at("/data/reason").asText());
        // and a webhook POST without an ETag: recognised after reading the object
        JsonNode noEtag = JSON.readTree(given().contentType("application/json")
                .body(s3Notification("ObjectCreated:Put", key, null, false).toString().getBytes(StandardCharsets.UTF_8)).post("/s3Notification")
                .then().statusCode(200).extract().asByteArray());
        assertEquals("already-anonymized", noEtag.at("/data/reason").asText(), noEtag.toString());

        HeadObjectResponse second = s3.headObject(b -> b.bucket(BUCKET).key(PREFIX + key));
        assertEquals(first.lastModified(), second.lastModified(), "output not rewritten");
        assertEquals(first.eTag(), second.eTag());
        assertEquals(processedAt, audit(key).path("processedAt").asText(), "audit not rewritten");

        // a new version (different bytes) under the same key is processed again
        byte[] v2 = TestImages.bytes("person.jpg");
        String etag2 = put(key, v2);
        assertNotEquals(etag1, etag2);
        assertAnonymized(postBinary(EventTypes.KAFKA_EVENT, s3Notification("ObjectCreated:Put", key, etag2, false)), key);
        HeadObjectResponse third = s3.headObject(b -> b.bucket(BUCKET).key(PREFIX + key));
        assertEquals(etag2, third.metadata().get(OutputMarks.SOURCE_ETAG));
        assertEquals(sha256(v2), audit(key).at("/input/sha256").asText());
        assertNotEquals(processedAt, audit(key).path("processedAt").asText());
    }

    // ---------------------------------------------------------------- faults

    @Test
    void storageStoppedMidRunFailsClosedAndRedeliverySucceeds() throws Exception {
        String key = unique("fault/large.png");
        byte[] image;
        // large enough (tiled search) that the store goes away while the image is being worked on
        try (Mat m = TestImages.syntheticPlate(3, 2000, 1400)) {
            image = TestImages.encode(m, ".png");
        }
        String etag = put(key, image);
        ObjectNode event = s3Notification("ObjectCreated:Put", key, etag, false);

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<Response> inFlight = CompletableFuture.supplyAsync(
                    () -> postBinary(EventTypes.KAFKA_EVENT, event), pool);
            // the store goes away before the writes: during the output check, the fetch or the search (the same 5xx,
            // nothing written). Since the finest scales are guided (stop 28) the whole job takes ~400-600 ms here, and
            // a stop at 400 ms could hit the writes (the audit record first: it stayed while the copy failed)
            Thread.sleep(250);
            server.stop();
            Response failed = inFlight.get(120, TimeUnit.SECONDS);
            assertTrue(failed.statusCode() >= 500, "a storage fault must answer 5xx so Knative redelivers, got "
                    + failed.statusCode() + " " + failed.asString());

            // with the store down, a fresh delivery fails the same way
            assertTrue(postBinary(EventTypes.KAFKA_EVENT, event).statusCode() >= 500);
        } finally {
            server.start();
            pool.shutdownNow();
        }
        assertFalse(exists(PREFIX + key), "no output after the fault");
        assertFalse(exists(PREFIX + key + ".audit.json"), "no audit record after the fault");

        // the redelivered event succeeds once the store is back, with the same data
        assertAnonymized(postBinary(EventTypes.KAFKA_EVENT, event), key);
        assertEquals(sha256(image), audit(key).at("/input/sha256").asText());
    }

    @Test
    void badInputsAreRejectedWithTheirReasonAndNothingIsWritten() throws Exception {
        byte[] dog = TestImages.bytes("dog.jpg");
        byte[] corrupt = new byte[4096];
        new java.util.Random(7).nextBytes(corrupt);
        corrupt[0] = (byte) 0xFF;
        corrupt[1] = (byte) 0xD8;
        corrupt[2] = (byte) 0xFF;
        corrupt[corrupt.length - 2] = (byte) 0xFF;
        corrupt[corrupt.length - 1] = (byte) 0xD9;
        byte[] tooManyPixels;
        try (Mat m = TestImages.syntheticPlate(5, 2400, 1400)) {
            tooManyPixels = TestImages.encode(m, ".png");
        }
        assertTrue(2400L * 1400 > SameBucketS3Profile.MAX_PIXELS);
        byte[] tooManyBytes = new byte[(int) SameBucketS3Profile.MAX_BYTES + 1];
        System.arraycopy(dog, 0, tooManyBytes, 0, dog.length);

        Map<String, byte[]> inputs = new java.util.LinkedHashMap<>();
        inputs.put("corrupt", corrupt);
        inputs.put("truncated", java.util.Arrays.copyOf(dog, dog.length / 2));
        inputs.put("empty-object", new byte[0]);
        inputs.put("too-large", tooManyPixels);
        inputs.put("too-large-bytes", tooManyBytes);
        inputs.put("not-an-image", "just some text, not a photo".getBytes(StandardCharsets.UTF_8));

        for (var e : inputs.entrySet()) {
            String key = unique("bad/" + e.getKey() + ".jpg");
            put(key, e.getValue());
            Response r = postBinary(EventTypes.KAFKA_EVENT, s3Notification("ObjectCreated:Put", key, null, false));
            r.then().statusCode(200);
            assertEquals(EventTypes.IMAGE_REJECTED, r.header("ce-type"), e.getKey());
            JsonNode data = JSON.readTree(r.asByteArray());
            assertEquals("rejected", data.path("status").asText(), data.toString());
            assertEquals(e.getKey().replace("-bytes", ""), data.path("reason").asText(), data.toString());
            assertFalse(exists(PREFIX + key), "no output for " + e.getKey());
            assertFalse(exists(PREFIX + key + ".audit.json"), "no audit for " + e.getKey());
        }

        // an event for an object that is not there (deleted since)
        String missing = unique("bad/missing.jpg");
        JsonNode notFound = JSON.readTree(postBinary(EventTypes.KAFKA_EVENT,
                s3Notification("ObjectCreated:Put", missing, null, false)).asByteArray());
        assertEquals("not-found", notFound.path("reason").asText(), notFound.toString());
    }

    @Test
    void malformedEventsAreAnsweredAsInvalidNotFailed() throws Exception {
        ObjectNode missingKey = s3Notification("ObjectCreated:Put", "x.jpg", null, false);
        ((ObjectNode) missingKey.at("/Records/0/s3/object")).remove("key");
        ObjectNode wrongType = s3Notification("ObjectCreated:Put", "x.jpg", null, false);
        ((ObjectNode) wrongType.at("/Records/0/s3/bucket")).put("name", 12);
        ObjectNode recordsString = JSON.createObjectNode().put("Records", "not a list");

        for (JsonNode bad : List.of(missingKey, wrongType, recordsString, JSON.createArrayNode())) {
            Response r = postBinary(EventTypes.KAFKA_EVENT, bad);
            r.then().statusCode(200);
            assertEquals(EventTypes.IMAGE_REJECTED, r.header("ce-type"));
            JsonNode data = JSON.readTree(r.asByteArray());
            assertEquals("invalid-event", data.path("reason").asText(), data.toString());
            assertFalse(data.path("message").asText().isBlank());
        }
        // the webhook path answers the same way instead of a bare 400
        JsonNode webhook = JSON.readTree(given().contentType("application/json").body(recordsString.toString().getBytes(StandardCharsets.UTF_8))
                .post("/s3Notification").then().statusCode(200).extract().asByteArray());
        assertEquals("invalid-event", webhook.at("/data/reason").asText(), webhook.toString());

        // data that is not JSON at all, and wrong types in the other formats
        Response notJson = given().header("ce-id", UUID.randomUUID().toString()).header("ce-specversion", "1.0")
                .header("ce-source", "/test").header("ce-type", EventTypes.AZURE_BLOB_CREATED)
                .contentType("application/json").body("{not json").post("/");
        notJson.then().statusCode(200);
        assertEquals("invalid-event", JSON.readTree(notJson.asByteArray()).path("reason").asText());
        ObjectNode gcs = (ObjectNode) sample("gcs-object-finalized.json");
        gcs.put("name", 42);
        assertEquals("invalid-event", JSON.readTree(postBinary(EventTypes.GCS_OBJECT_FINALIZED, gcs).asByteArray())
                .path("reason").asText());
        ObjectNode eb = (ObjectNode) sample("eventbridge-object-created.json");
        eb.remove("detail");
        assertEquals("invalid-event", JSON.readTree(postStructured(EventTypes.AWS_S3_OBJECT_CREATED, eb,
                "application/json").asByteArray()).at("/data/reason").asText());
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void twentyConcurrentEventsEachWriteTheirOwnImage() throws Exception {
        int n = 20;
        List<String> keys = new ArrayList<>();
        List<byte[]> inputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            try (Mat m = TestImages.syntheticPlate(i, 640, 480)) {
                byte[] png = TestImages.encode(m, ".png");
                String key = unique("concurrent/plate-" + i + ".png");
                put(key, png);
                keys.add(key);
                inputs.add(png);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<CompletableFuture<Response>> replies = new ArrayList<>();
            for (String key : keys) {
                replies.add(CompletableFuture.supplyAsync(() -> postBinary(EventTypes.KAFKA_EVENT,
                        s3Notification("ObjectCreated:Put", key, null, false)), pool));
            }
            for (int i = 0; i < n; i++) {
                Response r = replies.get(i).get(180, TimeUnit.SECONDS);
                r.then().statusCode(200);
                JsonNode data = JSON.readTree(r.asByteArray());
                assertEquals("anonymized", data.path("status").asText(), data.toString());
                assertEquals(keys.get(i), data.at("/input/key").asText());
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < n; i++) {
            String key = keys.get(i);
            JsonNode audit = audit(key);
            assertEquals(sha256(inputs.get(i)), audit.at("/input/sha256").asText(), "audit of " + key);
            byte[] output = get(PREFIX + key);
            assertEquals(sha256(output), audit.at("/output/sha256").asText());
            List<int[]> boxes = new ArrayList<>();
            audit.path("censoredBoxes").forEach(b -> boxes.add(new int[] {b.at("/box/0").asInt(), b.at("/box/1").asInt(),
                    b.at("/box/2").asInt(), b.at("/box/3").asInt()}));
            assertFalse(boxes.isEmpty(), "the plate of " + key + " was censored");
            assertSameOutsideBoxes(inputs.get(i), output, boxes, key);
        }
    }

    /** Same size, and every pixel outside the censored boxes (1 px margin for rounding) equals the input's. */
    static void assertSameOutsideBoxes(byte[] inputPng, byte[] outputPng, List<int[]> boxes, String what) {
        try (Mat in = TestImages.decode(inputPng); Mat out = TestImages.decode(outputPng)) {
            assertEquals(in.cols(), out.cols(), what + " width");
            assertEquals(in.rows(), out.rows(), what + " height");
            int w = in.cols();
            int h = in.rows();
            byte[] a = new byte[w * h * 3];
            byte[] b = new byte[w * h * 3];
            in.data().get(a);
            out.data().get(b);
            int changedInside = 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = (y * w + x) * 3;
                    boolean same = a[i] == b[i] && a[i + 1] == b[i + 1] && a[i + 2] == b[i + 2];
                    if (inside(boxes, x, y)) {
                        changedInside += same ? 0 : 1;
                    } else if (!same) {
                        throw new AssertionError(what + ": pixel (" + x + "," + y + ") outside the censored boxes "
                                + "differs from its own input");
                    }
                }
            }
            assertTrue(changedInside > 0, what + ": something inside the boxes was censored");
        }
    }

    private static boolean inside(List<int[]> boxes, int x, int y) {
        for (int[] b : boxes) {
            if (x >= b[0] - 1 && x <= b[2] + 1 && y >= b[1] - 1 && y <= b[3] + 1) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- helpers

    static String unique(String key) {
        int slash = key.lastIndexOf('/');
        String id = UUID.randomUUID().toString().substring(0, 8);
        return slash < 0 ? id + "-" + key : key.substring(0, slash + 1) + id + "-" + key.substring(slash + 1);
    }

    String put(String key, byte[] bytes) {
        String contentType = key.endsWith(".png") ? "image/png" : "image/jpeg";
        return s3.putObject(b -> b.bucket(BUCKET).key(key).contentType(contentType), RequestBody.fromBytes(bytes))
                .eTag().replace("\"", "");
    }

    byte[] get(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
    }

    boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(BUCKET).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    JsonNode audit(String inputKey) throws Exception {
        return JSON.readTree(get(PREFIX + inputKey + ".audit.json"));
    }

    void assertAnonymized(Response r, String key) throws Exception {
        r.then().statusCode(200);
        JsonNode body = JSON.readTree(r.asByteArray());
        JsonNode data = body.has("specversion") ? body.get("data") : body;
        assertEquals("anonymized", data.path("status").asText(), body.toString());
        assertEquals(key, data.at("/input/key").asText());
        assertTrue(exists(PREFIX + key), "output written for " + key);
    }

    /** An S3 notification record as AWS (or, with {@code minio}, MinIO's webhook) sends it; the key form-encoded. */
    static ObjectNode s3Notification(String eventName, String key, String etag, boolean minio) {
        ObjectNode root = JSON.createObjectNode();
        if (minio) {
            root.put("EventName", eventName).put("Key", BUCKET + "/" + key);
        }
        ObjectNode record = root.putArray("Records").addObject();
        record.put("eventVersion", "2.1").put("eventSource", minio ? "minio:s3" : "aws:s3")
                .put("eventTime", "2024-05-01T10:00:00.000Z").put("eventName", eventName);
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0").put("configurationId", "anonymize");
        s3.putObject("bucket").put("name", BUCKET).put("arn", "arn:aws:s3:::" + BUCKET);
        ObjectNode object = s3.putObject("object").put("key", formEncode(key)).put("sequencer", "0055AED6DCD90281E5");
        if (etag != null) {
            object.put("eTag", etag);
        }
        return root;
    }

    /** S3 notifications encode keys like HTML forms ('+' for space), leaving '/' as is. */
    static String formEncode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    static JsonNode sample(String name) throws Exception {
        try (var in = S3StorageEventsTest.class.getResourceAsStream("/events/" + name)) {
            assertNotNull(in, name);
            return JSON.readTree(in);
        }
    }

    /** A CloudEvent in binary mode: attributes in ce-* headers, the data as the JSON body. */
    static Response postBinary(String type, JsonNode data) {
        return given().header("ce-id", UUID.randomUUID().toString()).header("ce-specversion", "1.0")
                .header("ce-source", "/apis/v1/namespaces/default/kafkasources/storage#notifications")
                .header("ce-type", type).contentType("application/json").body(data.toString().getBytes(StandardCharsets.UTF_8)).post("/");
    }

    /** A CloudEvent in structured mode: the whole event as {@code application/cloudevents+json}. */
    static Response postStructured(String type, JsonNode data, String dataContentType) {
        ObjectNode ce = JSON.createObjectNode().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
                .put("source", "/test").put("type", type);
        if (dataContentType != null) {
            ce.put("datacontenttype", dataContentType);
        }
        ce.set("data", data);
        return given().contentType("application/cloudevents+json").body(ce.toString().getBytes(StandardCharsets.UTF_8)).post("/");
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
