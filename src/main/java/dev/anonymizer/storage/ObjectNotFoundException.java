package dev.anonymizer.storage;

/** The object (or its bucket) does not exist. Not retried. */
public class ObjectNotFoundException extends RuntimeException {

    public ObjectNotFoundException(ObjectRef ref) {
        super("no object " + ref);
    }
}
