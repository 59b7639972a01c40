package dev.anonymizer.function;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import dev.anonymizer.backfill.BackfillMode;
import dev.anonymizer.function.source.IgnoredReason;
import dev.anonymizer.imaging.RejectionReason;
import dev.anonymizer.pipeline.AuditDocument;
import dev.anonymizer.pipeline.Outcome;
import dev.anonymizer.pipeline.StepTimings;
import dev.anonymizer.storage.ObjectName;
import dev.anonymizer.storage.ObjectRef;

/**
 * The data of every reply event the function sends, one record per kind. Serialised by Jackson as the record's
 * components, in order, with no type field (the reply's CloudEvent type says the kind); the field sets are held by
 * {@code DocumentShapesTest}. Absent parts (no audit record, a skip without an output) are left out, not null.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
public sealed interface ReplyData {

    /** Where an object is; the ETag only where the event named one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Location(String bucket, String key, String etag) {

        /** The input as the event named it, with its ETag when known. */
        static Location of(ObjectName ref) {
            return new Location(ref.bucket(), ref.key(), ref.etag());
        }

        /** An output: bucket and key only. */
        static Location at(ObjectRef ref) {
            return ref == null ? null : new Location(ref.bucket(), ref.key(), null);
        }
    }

    /**
     * An image was censored.
     *
     * @param regions   regions found per category ({@code face}, {@code text}, ...)
     * @param censored  how many regions were censored
     * @param doubts    what the function was unsure about (as in the audit record); left out when review is off
     * @param timingsMs each step's time, the store's included
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Anonymized(Outcome.Status status, Location input, Location output, Location audit,
            Map<String, Integer> regions, int censored, List<AuditDocument.DoubtEntry> doubts,
            List<String> metadataRemoved, StepTimings timingsMs,
            long elapsedMs) implements ReplyData {
    }

    /** An image that cannot be anonymized as it is. */
    record Rejected(Outcome.Status status, Location input, RejectionReason reason, String message, long elapsedMs)
            implements ReplyData {
    }

    /** An image with nothing to do; {@code output} only where the output is there already. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Skipped(Outcome.Status status, Location input, Location output, Outcome.SkipReason reason, String message,
            long elapsedMs) implements ReplyData {
    }

    /** A notification that named nothing to process (a delete, a folder). */
    record Ignored(Outcome.Status status, IgnoredReason reason) implements ReplyData {
    }

    /** An event whose data names no object (or a backfill request that names no bucket). */
    record Invalid(Outcome.Status status, RejectionReason reason, String message) implements ReplyData {

        Invalid(String message) {
            this(Outcome.Status.REJECTED, RejectionReason.INVALID_EVENT, message);
        }
    }

    /** A notification with several objects: one result each. */
    record Results(List<ReplyData> results) implements ReplyData {
    }

    /**
     * A backfill was started (or was running already).
     *
     * @param maxObjects the limit of objects, present only when one is set
     * @param stale      true when stale copies are re-done too; present only then
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BackfillAccepted(BackfillStart status, String bucket, String prefix, BackfillMode mode, long found,
            Long maxObjects, Boolean stale) implements ReplyData {
    }
}
