package dev.anonymizer.function;

/** CloudEvent types in and out. A reply never has the type of a trigger, or Knative would loop. */
public final class EventTypes {

    public static final String IMAGE_STORED = "dev.anonymizer.image.stored";
    public static final String IMAGE_ANONYMIZED = "dev.anonymizer.image.anonymized";
    public static final String IMAGE_REJECTED = "dev.anonymizer.image.rejected";
    public static final String IMAGE_SKIPPED = "dev.anonymizer.image.skipped";
    public static final String IMAGES_PROCESSED = "dev.anonymizer.images.processed";
    public static final String BACKFILL_REQUESTED = "dev.anonymizer.backfill.requested";
    public static final String BACKFILL_ACCEPTED = "dev.anonymizer.backfill.accepted";
    public static final String BACKFILL_REJECTED = "dev.anonymizer.backfill.rejected";

    private EventTypes() {
    }
}
