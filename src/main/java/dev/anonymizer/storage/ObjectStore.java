package dev.anonymizer.storage;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Bytes in buckets. Implementations: the local filesystem (embedded default) and S3-compatible servers. Every object
 * is an {@link ObjectRef}, whose names are already checked by the rules all stores share; a store refuses only the
 * names it cannot hold itself. Writes are all-or-nothing: a reader never sees a partly written object.
 */
public interface ObjectStore {

    /** Reads a whole object; {@link ObjectNotFoundException} when absent, {@link StorageUnavailableException} on faults. */
    default StoredObject get(ObjectRef ref) {
        return get(ref, Long.MAX_VALUE);
    }

    /**
     * Reads a whole object of at most {@code maxBytes}; a larger one is refused with {@link ObjectTooLargeException}
     * from its size alone, before its bytes are read.
     */
    StoredObject get(ObjectRef ref, long maxBytes);

    /** The object's ETag and metadata, or empty when it does not exist. */
    Optional<ObjectHead> head(ObjectRef ref);

    /** Writes an object (creating the bucket where the store allows it). */
    void put(ObjectRef ref, byte[] bytes, String contentType, Map<String, String> metadata);

    /**
     * Writes an object only when none exists under its name, atomically: of two writers racing for one name exactly
     * one gets {@code true}. What a claim (a review's release) is made of.
     */
    boolean putIfAbsent(ObjectRef ref, byte[] bytes, String contentType, Map<String, String> metadata);

    /** Deletes an object; deleting one that does not exist is no error (as in S3). */
    void delete(ObjectRef ref);

    /**
     * Calls {@code each} with every object under {@code prefix} of {@code bucket}, in lexical key order, named as
     * listed: a key no {@link ObjectRef} can have is the caller's to refuse.
     */
    void list(String bucket, String prefix, Consumer<ObjectName> each);

    /** Throws {@link StorageUnavailableException} when the store cannot be reached. */
    void checkReachable();

    /** A short description for logs and health checks (never credentials). */
    String describe();
}
