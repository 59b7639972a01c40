package dev.anonymizer.function;

/**
 * Data of a {@code dev.anonymizer.backfill.requested} event.
 *
 * @param prefix optional key prefix (the whole bucket when absent)
 * @param mode   optional {@code process} or {@code publish}; by default publish when a sink is configured
 */
public record BackfillRequestedData(String bucket, String prefix, String mode) {
}
