package dev.anonymizer.storage;

/**
 * The store could not be reached or failed transiently (connection refused, time-out, 5xx). The function answers
 * with an HTTP error so that Knative retries and, in the end, dead-letters the event.
 */
public class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
