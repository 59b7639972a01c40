package dev.anonymizer.function.source;

/**
 * The event's data cannot name an object: a field is missing, has the wrong type, or cannot be decoded. Answered
 * with a {@code rejected}/{@code invalid-event} reply and never retried (a redelivery would be just as invalid).
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }
}
