package dev.anonymizer.detection;

/** A model that cannot be used as configured: missing file, checksum or tensor facts that disagree. */
public class ModelSetupException extends RuntimeException {

    public ModelSetupException(String message) {
        super(message);
    }

    public ModelSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
