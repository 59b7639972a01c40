package dev.anonymizer.backfill;

/**
 * The event that names one image to anonymize ({@code bucket}, {@code key}, optional {@code etag}): the function's
 * own trigger, and what a backfill in publish mode sends. Its type is spelled here only.
 */
public final class ImageStoredEvent {

    /** The CloudEvent type. */
    public static final String TYPE = "dev.anonymizer.image.stored";

    private ImageStoredEvent() {
    }
}
