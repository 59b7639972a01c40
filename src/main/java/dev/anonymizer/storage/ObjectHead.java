package dev.anonymizer.storage;

import java.util.Map;

/** An object's ETag and user metadata, without its bytes. */
public record ObjectHead(String etag, long size, Map<String, String> metadata) {
}
