package dev.anonymizer.pipeline;

import java.util.List;
import java.util.Map;

import dev.anonymizer.storage.ObjectRef;

/**
 * What happened to one input object.
 *
 * @param status    anonymized, rejected (bad input, never retried) or skipped (nothing to do)
 * @param reason    code of a rejection or skip, null when anonymized
 * @param counts    regions found per category (face, text, person, vehicle)
 * @param censored  how many regions were censored
 */
public record Outcome(Status status, ObjectRef input, ObjectRef output, ObjectRef audit, String reason, String message,
        Map<String, Integer> counts, int censored, List<String> metadataRemoved, Map<String, Long> timingsMs,
        long elapsedMs) {

    /** The three ends of processing. */
    public enum Status {
        ANONYMIZED,
        REJECTED,
        SKIPPED;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The reason code of a failure (an exception the pipeline threw): {@code storage-unavailable} for a storage fault,
     * else the exception's simple class name. Bounded: used as a metric tag.
     */
    public static String failureReason(Throwable e) {
        if (e instanceof dev.anonymizer.storage.StorageUnavailableException) {
            return "storage-unavailable";
        }
        return e.getClass().getSimpleName();
    }

    static Outcome rejected(ObjectRef input, String reason, String message, long elapsedMs) {
        return new Outcome(Status.REJECTED, input, null, null, reason, message, Map.of(), 0, List.of(), Map.of(), elapsedMs);
    }

    static Outcome skipped(ObjectRef input, ObjectRef output, String reason, String message, long elapsedMs) {
        return new Outcome(Status.SKIPPED, input, output, null, reason, message, Map.of(), 0, List.of(), Map.of(), elapsedMs);
    }
}
