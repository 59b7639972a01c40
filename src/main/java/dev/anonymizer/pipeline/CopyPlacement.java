package dev.anonymizer.pipeline;

import dev.anonymizer.config.ReviewMode;

/**
 * Where the {@link JobRunner} puts a censored copy: in the output as always, or held for review. The review mode
 * decides ({@link #of}): only mode {@code hold} holds, and only a photo with doubts.
 */
public enum CopyPlacement {
    /** The output location (modes off and flag; hold for a photo without doubts). */
    OUTPUT,
    /** Held for a person's review (mode hold, a photo with doubts). */
    HELD;

    /** The placement of {@code image}'s copy under {@code mode}. */
    public static CopyPlacement of(ReviewMode mode, AnonymizedImage image) {
        return mode == ReviewMode.HOLD && image.doubtful() ? HELD : OUTPUT;
    }
}
