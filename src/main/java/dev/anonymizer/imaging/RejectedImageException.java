package dev.anonymizer.imaging;

/**
 * The input can never be anonymized as it is (bad bytes, wrong format, too large). Not retried: the function answers
 * with a {@code dev.anonymizer.image.rejected} event.
 */
public class RejectedImageException extends RuntimeException {

    private final RejectionReason reason;

    public RejectedImageException(RejectionReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }
}
