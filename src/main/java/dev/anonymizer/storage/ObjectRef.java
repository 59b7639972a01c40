package dev.anonymizer.storage;

/**
 * An object in a bucket, its names checked where it is made by the rules every store shares ({@link ObjectNames}):
 * a reference that exists is one no store can be tricked with. {@code etag} (or a version id) identifies one version
 * of it and may be null when unknown. Names as an event gives them, before the check, are an {@link ObjectName}.
 */
public record ObjectRef(String bucket, String key, String etag) {

    /** Throws {@link InvalidObjectNameException} naming what is wrong with the bucket or key. */
    public ObjectRef {
        ObjectNames.check(bucket, key);
    }

    /** A reference without a known version. */
    public static ObjectRef of(String bucket, String key) {
        return new ObjectRef(bucket, key, null);
    }

    /** The same object at the version {@code etag}. */
    public ObjectRef withEtag(String etag) {
        return new ObjectRef(bucket, key, etag);
    }

    /** The names as given, for replies and logs. */
    public ObjectName name() {
        return new ObjectName(bucket, key, etag);
    }

    @Override
    public String toString() {
        return bucket + "/" + key;
    }
}
