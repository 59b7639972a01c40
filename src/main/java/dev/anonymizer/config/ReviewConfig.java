package dev.anonymizer.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.anonymizer.detection.DoubtKind;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Review of uncertain photos: whether the function names its doubts (a vehicle without a plate found where its plate
 * would be, a face-like score just under the threshold, ...) and what it does with a photo that has some.
 */
@ConfigMapping(prefix = "anonymizer.review")
public interface ReviewConfig {

    /**
     * {@code off}: no doubts computed or reported; {@code flag}: the copy is written as always and the reply, the
     * audit record, a {@code dev.anonymizer.image.review-requested} event and the metric
     * {@code anonymizer_review_requested_total} name the doubts; {@code hold}: a photo with doubts goes to a review
     * area, not to the output, until a person releases it.
     */
    @WithDefault("flag")
    ReviewMode mode();

    /**
     * Width of the score band just under {@code anonymizer.detection.face.min-score} whose face-like finds are named
     * as doubts ({@code face-below-threshold}): scores in [min-score - band, min-score). 0 turns the rule off.
     */
    @WithDefault("0.1")
    double faceBand();

    /**
     * The doubt rules that are on (README, "Review: doubt rules", says what each checks and what it caught on the
     * evaluation photos). {@code face-below-threshold} and {@code search-uncovered} are off by default: they flagged
     * 64% and 54% of the evaluation photos.
     */
    @WithDefault("vehicle-without-plate,person-without-face")
    List<DoubtKind> rules();

    /**
     * {@code vehicle-without-plate} judges only vehicles scored at least this: on the evaluation photos, weaker
     * vehicle finds doubled the photos flagged and added two of the 22 photos with a missed plate.
     */
    @WithDefault("0.5")
    double vehicleMinScore();

    /**
     * {@code person-without-face} judges only persons at least this tall (px): a smaller person's face is below the
     * face search's floor, and such persons flagged photos without a missed face.
     */
    @WithDefault("50")
    double personMinHeight();

    /**
     * Where the {@code dev.anonymizer.image.review-requested} event of a photo with doubts is POSTed (a broker or
     * channel URL); defaults to the {@code K_SINK} a Knative SinkBinding injects. Unset: no event is sent (the reply,
     * the audit record and the metric still name the doubts).
     */
    @WithDefault("${K_SINK:}")
    Optional<String> sink();

    /** Time limit of one POST of a review-requested event; a failed one is retried once, then logged and counted. */
    @WithDefault("10s")
    Duration sinkTimeout();
}
