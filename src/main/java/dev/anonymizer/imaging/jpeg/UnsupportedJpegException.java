package dev.anonymizer.imaging.jpeg;

/** This JPEG cannot take the block path, and why; the caller re-encodes it whole. */
public class UnsupportedJpegException extends Exception {

    private final FallbackReason reason;

    public UnsupportedJpegException(FallbackReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public FallbackReason reason() {
        return reason;
    }
}
