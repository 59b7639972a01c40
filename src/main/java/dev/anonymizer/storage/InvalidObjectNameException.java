package dev.anonymizer.storage;

/**
 * The bucket or key is one that no object can have: it would leave its bucket (path traversal, an absolute key) or
 * the store refuses the name. Not retried: the same name stays invalid, so the event is answered as invalid.
 */
public class InvalidObjectNameException extends RuntimeException {

    public InvalidObjectNameException(String message) {
        super(message);
    }

    public InvalidObjectNameException(String message, Throwable cause) {
        super(message, cause);
    }
}
