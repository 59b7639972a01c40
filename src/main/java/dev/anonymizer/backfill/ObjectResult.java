package dev.anonymizer.backfill;

/**
 * What became of one object in a backfill.
 *
 * @param status anonymized, skipped or rejected (process mode), published (publish mode), or failed
 * @param reason the pipeline's reason code, an HTTP status or an error class; null when there is none
 */
public record ObjectResult(String status, String reason) {

    public static final String ANONYMIZED = "anonymized";
    public static final String SKIPPED = "skipped";
    public static final String REJECTED = "rejected";
    public static final String PUBLISHED = "published";
    public static final String FAILED = "failed";
}
