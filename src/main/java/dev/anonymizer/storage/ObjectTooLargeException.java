package dev.anonymizer.storage;

/**
 * The object is larger than the caller allowed, found out from its size before its bytes were read (so a huge
 * object never fills the heap). Not retried: the same object stays too large.
 */
public class ObjectTooLargeException extends RuntimeException {

    private final long size;

    public ObjectTooLargeException(ObjectRef ref, long size, long limit) {
        super("the object " + ref + " has " + size + " bytes, more than the limit of " + limit);
        this.size = size;
    }

    /** The object's size in bytes. */
    public long size() {
        return size;
    }
}
