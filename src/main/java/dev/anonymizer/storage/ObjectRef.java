package dev.anonymizer.storage;

/**
 * An object in a bucket; {@code etag} (or a version id) identifies one version of it and may be null when unknown.
 */
public record ObjectRef(String bucket, String key, String etag) {

    public ObjectRef {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("bucket is missing");
        }
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("key is missing");
        }
    }

    public static ObjectRef of(String bucket, String key) {
        return new ObjectRef(bucket, key, null);
    }

    @Override
    public String toString() {
        return bucket + "/" + key;
    }
}
