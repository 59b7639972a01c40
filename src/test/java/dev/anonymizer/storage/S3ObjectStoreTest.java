package dev.anonymizer.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The S3 store's pure helpers; its behaviour against a real server is covered by S3StorageEventsTest. */
class S3ObjectStoreTest {

    @Test
    void nonAsciiMetadataIsEncodedForHeadersAndDecodedBack() {
        Map<String, String> meta = Map.of("anonymizer-source", "photos/Straße café 東京.jpg", "plain", "photos/a b.jpg");
        Map<String, String> onTheWire = S3ObjectStore.encodeMetadata(meta);
        assertTrue(onTheWire.get("anonymizer-source").startsWith("=?UTF-8?B?"), onTheWire.toString());
        assertTrue(onTheWire.values().stream().allMatch(v -> v.chars().allMatch(c -> c >= 0x20 && c < 0x7F)));
        assertEquals("photos/a b.jpg", onTheWire.get("plain"), "ASCII values are left as they are");
        assertEquals(meta, S3ObjectStore.decodeMetadata(onTheWire));
    }

    @Test
    void endpointUserInfoIsNeverDescribed() {
        assertEquals("http://minio:9000/", S3ObjectStore.withoutUserInfo(URI.create("http://key:secret@minio:9000/")));
        assertEquals("http://minio:9000", S3ObjectStore.withoutUserInfo(URI.create("http://minio:9000")));
    }
}
