package dev.anonymizer.backfill;

import java.util.Locale;

import dev.anonymizer.pipeline.Outcome;

/**
 * What became of one object in a backfill.
 *
 * @param reason the pipeline's reason code, an HTTP status ({@code http-503}) or an error class; null when there is
 *               none. A code, not a type: it is only counted and printed, and publish mode's HTTP statuses are open
 */
public record ObjectResult(Status status, String reason) {

    /** The ends of one object: the pipeline's three in process mode, published in publish mode, or failed. */
    public enum Status {
        ANONYMIZED,
        SKIPPED,
        REJECTED,
        PUBLISHED,
        FAILED;

        /** Lower-case name, as printed. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status of(Outcome.Status s) {
            return switch (s) {
                case ANONYMIZED -> ANONYMIZED;
                case REJECTED -> REJECTED;
                case SKIPPED -> SKIPPED;
            };
        }
    }
}
