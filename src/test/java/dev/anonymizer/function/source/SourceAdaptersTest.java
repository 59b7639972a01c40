package dev.anonymizer.function.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.anonymizer.storage.ObjectName;

/** Each provider's documented payload mapped to object references; no Quarkus needed. */
class SourceAdaptersTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode sample(String name) {
        try (InputStream in = SourceAdaptersTest.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample event " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void awsPutNotification() {
        StorageNotification n = S3NotificationAdapter.map(sample("aws-s3-put.json"));
        assertEquals(List.of(new ObjectName("amzn-s3-demo-bucket", "HappyFace.jpg", "d41d8cd98f00b204e9800998ecf8427e")),
                n.objects());
    }

    @Test
    void severalRecordsKeepCreatesInOrderDecodeKeysAndDropDeletes() {
        StorageNotification n = S3NotificationAdapter.map(sample("aws-s3-several-records.json"));
        assertEquals(List.of(
                // '+' is a space, %2B a literal plus, %XX sequences are UTF-8; the quoted ETag is unquoted
                new ObjectName("photos", "holiday 2024/Straße café 東京 1+1.jpg", "0123456789abcdef0123456789abcdef"),
                new ObjectName("photos", "big/panorama.png", "9b2cf535f27731c974343645a3985328-12")), n.objects());
    }

    @Test
    void deleteOnlyAndTestEventAreIgnored() {
        StorageNotification delete = S3NotificationAdapter.map(sample("aws-s3-delete.json"));
        assertTrue(delete.isIgnored());
        assertEquals(IgnoredReason.NOT_A_CREATE_EVENT, delete.ignoredReason());
        assertEquals(IgnoredReason.TEST_EVENT, S3NotificationAdapter.map(sample("aws-s3-test-event.json")).ignoredReason());
    }

    @Test
    void minioWebhookWithPrefixedEventName() {
        StorageNotification n = S3NotificationAdapter.map(sample("minio-webhook-put.json"));
        assertEquals(List.of(new ObjectName("images", "my photo.jpg", "c1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6")), n.objects());
    }

    @Test
    void cephRecord() {
        StorageNotification n = S3NotificationAdapter.map(sample("ceph-rgw-put.json"));
        assertEquals(List.of(new ObjectName("mybucket1", "scans/café.png", "4f94b2d3e0e5c1f0e2b6c8a1d7e9f3b2")), n.objects());
    }

    @Test
    void malformedS3NotificationsNameTheField() {
        ObjectNode noKey = (ObjectNode) sample("aws-s3-put.json");
        ((ObjectNode) noKey.at("/Records/0/s3/object")).remove("key");
        assertTrue(assertThrows(InvalidEventException.class, () -> S3NotificationAdapter.map(noKey)).getMessage()
                .contains("'s3.object.key' is missing"));

        ObjectNode numericBucket = (ObjectNode) sample("aws-s3-put.json");
        ((ObjectNode) numericBucket.at("/Records/0/s3/bucket")).put("name", 42);
        assertTrue(assertThrows(InvalidEventException.class, () -> S3NotificationAdapter.map(numericBucket))
                .getMessage().contains("'s3.bucket.name' must be a non-empty string, got NUMBER"));

        ObjectNode recordsNotArray = JSON.createObjectNode().put("Records", "abc");
        assertTrue(assertThrows(InvalidEventException.class, () -> S3NotificationAdapter.map(recordsNotArray))
                .getMessage().contains("'Records' must be an array"));

        ObjectNode badEncoding = (ObjectNode) sample("aws-s3-put.json");
        ((ObjectNode) badEncoding.at("/Records/0/s3/object")).put("key", "bad%zzkey.jpg");
        assertThrows(InvalidEventException.class, () -> S3NotificationAdapter.map(badEncoding));

        assertThrows(InvalidEventException.class, () -> S3NotificationAdapter.map(JSON.createArrayNode()));
        assertThrows(InvalidEventException.class, () -> S3NotificationAdapter.map(null));
        assertThrows(InvalidEventException.class, () -> S3NotificationAdapter.map(JSON.createObjectNode()));
    }

    @Test
    void folderMarkersAreIgnored() {
        ObjectNode folder = (ObjectNode) sample("aws-s3-put.json");
        ((ObjectNode) folder.at("/Records/0/s3/object")).put("key", "new+folder/");
        assertEquals(IgnoredReason.FOLDER_MARKER, S3NotificationAdapter.map(folder).ignoredReason());
    }

    @Test
    void eventBridgeObjectCreated() {
        StorageNotification n = EventBridgeAdapter.map(sample("eventbridge-object-created.json"));
        assertEquals(List.of(new ObjectName("amzn-s3-demo-bucket1", "uploads/example key.jpg",
                "b1946ac92492d2347c6235b4d2611184")), n.objects());
        // a bridge that forwards only the detail object
        assertEquals(n.objects(), EventBridgeAdapter.map(sample("eventbridge-object-created.json").get("detail")).objects());
    }

    @Test
    void eventBridgeDeleteIgnoredAndMissingDetailInvalid() {
        assertEquals(IgnoredReason.NOT_A_CREATE_EVENT, EventBridgeAdapter.map(sample("eventbridge-object-deleted.json")).ignoredReason());
        ObjectNode noDetail = (ObjectNode) sample("eventbridge-object-created.json");
        noDetail.remove("detail");
        assertTrue(assertThrows(InvalidEventException.class, () -> EventBridgeAdapter.map(noDetail)).getMessage()
                .contains("'detail' is missing"));
    }

    @Test
    void gcsFinalizedUsesNameVerbatimAndMd5AsEtag() {
        StorageNotification n = GcsAdapter.map(sample("gcs-object-finalized.json"));
        // base64 ZDxs+p2ujUDhhSO4Yn+0zQ== is the MD5 643c6cfa9dae8d40e18523b8627fb4cd, the ETag S3-style APIs report
        assertEquals(List.of(new ObjectName("my-bucket", "folder/My Photo ü.jpg", "643c6cfa9dae8d40e18523b8627fb4cd")),
                n.objects());
        ObjectNode composite = (ObjectNode) sample("gcs-object-finalized.json");
        composite.remove("md5Hash");
        assertEquals("CNiT/7bx1+gCEAE=", GcsAdapter.map(composite).objects().get(0).etag());
        ObjectNode wrongType = (ObjectNode) sample("gcs-object-finalized.json");
        wrongType.put("name", 7);
        assertThrows(InvalidEventException.class, () -> GcsAdapter.map(wrongType));
    }

    @Test
    void azureBlobCreatedSplitsUrlIntoContainerAndDecodedPath() {
        JsonNode data = sample("azure-blob-created.cloudevent.json").get("data");
        StorageNotification n = AzureBlobAdapter.map(data);
        // path encoding: '+' stays a plus, %20 is a space
        assertEquals(List.of(new ObjectName("test-container", "new photos/1+1 café.jpg", "0x8D4BCC2E4835CD0")), n.objects());
    }

    @Test
    void azureCreateFileIsNotYetAnImageAndBadUrlsAreInvalid() {
        ObjectNode createFile = (ObjectNode) sample("azure-blob-created.cloudevent.json").get("data");
        createFile.put("api", "CreateFile");
        assertEquals(IgnoredReason.NOT_COMMITTED_YET, AzureBlobAdapter.map(createFile).ignoredReason());

        ObjectNode noBlob = (ObjectNode) sample("azure-blob-created.cloudevent.json").get("data");
        noBlob.put("url", "https://my-storage-account.blob.core.windows.net/test-container/");
        assertThrows(InvalidEventException.class, () -> AzureBlobAdapter.map(noBlob));
        noBlob.put("url", "not a url at all");
        assertThrows(InvalidEventException.class, () -> AzureBlobAdapter.map(noBlob));
        noBlob.remove("url");
        assertTrue(assertThrows(InvalidEventException.class, () -> AzureBlobAdapter.map(noBlob)).getMessage()
                .contains("'url' is missing"));
    }
}
