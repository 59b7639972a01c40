package dev.anonymizer.storage;

import java.util.Map;

/** An object's bytes with its content type, ETag and user metadata. */
public record StoredObject(ObjectRef ref, byte[] bytes, String contentType, String etag, Map<String, String> metadata) {
}
