package dev.anonymizer.function;

/**
 * Data of our own {@code dev.anonymizer.image.stored} event.
 *
 * @param etag optional ETag (or version id) of the stored object; when given, a redelivery of the same version is
 *             recognised without reading the object
 */
public record ImageStoredData(String bucket, String key, String etag) {
}
