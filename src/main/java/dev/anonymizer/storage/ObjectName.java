package dev.anonymizer.storage;

/**
 * An object as an event, a request or a listing names it, not yet checked: kept as given so that the answer to an
 * event with a bad name can repeat the names it was sent. {@link #ref()} is the checked {@link ObjectRef}.
 *
 * @param etag the version named, or null
 */
public record ObjectName(String bucket, String key, String etag) {

    /** The checked reference; {@link InvalidObjectNameException} naming what is wrong. */
    public ObjectRef ref() {
        return new ObjectRef(bucket, key, etag);
    }

    @Override
    public String toString() {
        return bucket + "/" + key;
    }
}
