package dev.anonymizer.config;

/**
 * What happens to a photo the function is unsure about (one with doubts): {@link #OFF} no doubts are computed or
 * reported; {@link #FLAG} the censored copy goes to the output as always and the reply, the audit record, a
 * {@code dev.anonymizer.image.review-requested} event and a metric name the doubts; {@link #HOLD} the censored copy
 * goes to a review area instead of the output until a person releases it.
 */
public enum ReviewMode {
    /** No doubts computed or reported. */
    OFF,
    /** Output written as always; doubts reported (reply, audit, review-requested event, metric). */
    FLAG,
    /** A photo with doubts is held in a review area until a person releases it. */
    HOLD;

    /** Whether doubts are computed at all. */
    public boolean findsDoubts() {
        return this != OFF;
    }
}
