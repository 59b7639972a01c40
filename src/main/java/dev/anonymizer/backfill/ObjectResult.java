package dev.anonymizer.backfill;

import java.util.Locale;

import dev.anonymizer.imaging.RejectionReason;
import dev.anonymizer.pipeline.Outcome;

/**
 * What became of one object in a backfill.
 *
 * @param reason why it ended so; null when there is nothing to say (anonymized, published)
 */
public record ObjectResult(Status status, Reason reason) {

    /** The result of one pipeline outcome: its status and its rejection or skip reason. */
    static ObjectResult of(Outcome o) {
        Reason reason = null;
        if (o instanceof Outcome.Rejected r) {
            reason = new Rejected(r.reason());
        } else if (o instanceof Outcome.Skipped s) {
            reason = new Skipped(s.reason());
        }
        return new ObjectResult(Status.of(o.status()), reason);
    }

    /** An object that failed with {@code e} (counted by the exception's bounded reason code). */
    static ObjectResult failed(Throwable e) {
        return new ObjectResult(Status.FAILED, new Fault(Outcome.failureReason(e)));
    }

    /** The label the report counts this result under: {@code status:reason}, or the status alone. */
    public String label() {
        return reason == null ? status.key() : status.key() + ":" + reason.code();
    }

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

    /** Why an object ended as it did; {@link #code()} is the stable code printed and counted. */
    public sealed interface Reason {

        /** The code, as the report prints it ({@code not-an-image}, {@code http-503}, ...). */
        String code();
    }

    /** The pipeline rejected the object. */
    public record Rejected(RejectionReason reason) implements Reason {

        @Override
        public String code() {
            return reason.code();
        }
    }

    /** The pipeline skipped the object. */
    public record Skipped(Outcome.SkipReason reason) implements Reason {

        @Override
        public String code() {
            return reason.code();
        }
    }

    /**
     * A stale check ({@code backfill --stale}): the copy was made by the running policy and models
     * ({@code skipped:current}), or by others and was made again ({@code anonymized:stale}).
     */
    public enum Staleness implements Reason {
        CURRENT,
        STALE;

        @Override
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Publish mode found the object gone when it read its ETag. */
    public enum Gone implements Reason {
        DELETED;

        @Override
        public String code() {
            return "deleted";
        }
    }

    /** The sink answered with an HTTP status that is no success; code {@code http-<status>}. */
    public record HttpStatus(int status) implements Reason {

        @Override
        public String code() {
            return "http-" + status;
        }
    }

    /**
     * An exception ended the object: {@code storage-unavailable} for a storage fault, else the exception's simple
     * class name (a connection error of the sink, a bug).
     */
    public record Fault(String code) implements Reason {
    }
}
