package dev.anonymizer.pipeline;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.anonymizer.imaging.RejectionReason;
import dev.anonymizer.storage.ObjectName;
import dev.anonymizer.storage.ObjectRef;
import dev.anonymizer.storage.StorageUnavailableException;

/**
 * What happened to one input: anonymized, rejected (bad input, never retried) or skipped (nothing to do). A storage
 * fault is none of these: it is thrown, so the event is retried.
 */
public sealed interface Outcome {

    /** The object the outcome is about, named as it was given (a name refused as invalid included). */
    ObjectName input();

    /** Time from the start of handling to the outcome. */
    long elapsedMs();

    /** The kind of outcome, for metrics, logs and reply types. */
    Status status();

    /**
     * The censored copy was written.
     *
     * @param audit where the audit record went, null when audit records are off
     * @param image what the core did: found and censored regions, metadata removed, timings
     * @param timingsMs every step's time, the store's (fetch, store) included
     */
    record Anonymized(ObjectName input, ObjectRef output, ObjectRef audit, AnonymizedImage image,
            StepTimings timingsMs, long elapsedMs) implements Outcome {

        @Override
        public Status status() {
            return Status.ANONYMIZED;
        }
    }

    /** The input cannot be anonymized as it is; retrying cannot help. */
    record Rejected(ObjectName input, RejectionReason reason, String message, long elapsedMs) implements Outcome {

        @Override
        public Status status() {
            return Status.REJECTED;
        }
    }

    /** Nothing to do: the input is our own output, or its output is already there. */
    record Skipped(ObjectName input, ObjectRef output, SkipReason reason, String message, long elapsedMs)
            implements Outcome {

        @Override
        public Status status() {
            return Status.SKIPPED;
        }
    }

    /** The three ends of processing. */
    enum Status {
        ANONYMIZED,
        REJECTED,
        SKIPPED;

        /** Lower-case name used in replies, metrics and logs. */
        @JsonValue
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Why an object was skipped. Stable codes: they appear in replies and metrics. */
    enum SkipReason {
        /** The object lies in the output location or carries the output marker: processing it would loop. */
        OWN_OUTPUT("own-output"),
        /** The output already holds this version of the input (same ETag). */
        ALREADY_ANONYMIZED("already-anonymized"),
        /** Hold mode: a copy of this version of the input waits in the review area (same ETag). */
        ALREADY_HELD("already-held");

        private final String code;

        SkipReason(String code) {
            this.code = code;
        }

        @JsonValue
        public String code() {
            return code;
        }
    }

    /** The reason code of a rejection or skip; null when anonymized. */
    default String reasonCode() {
        // Java 17 has no pattern matching in switch yet
        if (this instanceof Rejected r) {
            return r.reason().code();
        }
        if (this instanceof Skipped s) {
            return s.reason().code();
        }
        return null;
    }

    /**
     * The reason code of a failure (an exception the pipeline threw): {@code storage-unavailable} for a storage fault,
     * else the exception's simple class name. Bounded: used as a metric tag.
     */
    static String failureReason(Throwable e) {
        return e instanceof StorageUnavailableException ? "storage-unavailable" : e.getClass().getSimpleName();
    }
}
