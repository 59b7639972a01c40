package dev.anonymizer.pipeline;

import dev.anonymizer.imaging.RejectionReason;
import dev.anonymizer.pipeline.Outcome.SkipReason;

/** What the {@link JobRunner} made of one {@link ImageJob}; each door words it in its own outcome. */
public sealed interface JobResult {

    /**
     * The audit record (when on) and the censored copy were written.
     *
     * @param timingsMs every step's time, the source's and the destination's included where they are timed
     * @param written   where the copy went (in hold mode, the review area for a photo with doubts)
     */
    record Done(AnonymizedImage image, StepTimings timingsMs, ImageDestination written) implements JobResult {
    }

    /** Nothing to do: the source said why (only objects of the store are skipped). */
    record Skipped(SkipReason reason, String message) implements JobResult {
    }

    /** The input is no image this can anonymize, or too large; retrying cannot help. */
    record Rejected(RejectionReason reason, String message) implements JobResult {
    }
}
