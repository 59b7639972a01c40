package dev.anonymizer.function;

/**
 * Data of a {@code dev.anonymizer.backfill.requested} event.
 *
 * @param prefix optional key prefix (the whole bucket when absent)
 * @param mode   optional {@code process} or {@code publish}; by default publish when a sink is configured (process
 *               when {@code stale})
 * @param stale  optional: also re-do copies made by another policy or other models (as {@code backfill --stale})
 */
public record BackfillRequestedData(String bucket, String prefix, String mode, Boolean stale) {
}
