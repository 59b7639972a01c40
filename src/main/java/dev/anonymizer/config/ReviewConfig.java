package dev.anonymizer.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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
     * The bucket of the review area, where held photos wait (hold mode) until a person releases them; a bucket of its
     * own, so that nobody who reads the output sees a held copy. The local store creates it; on S3 create it with
     * the output bucket. Objects in it are never processed as inputs.
     */
    @WithDefault("review")
    String bucket();

    /**
     * Put in front of every key of the review area ({@code held/}, {@code released/}, {@code claims/} below it), so
     * that it can share a bucket, e.g. {@code review/} in the fixed output bucket (readers of that bucket then see
     * held copies).
     */
    Optional<String> keyPrefix();

    /**
     * The reviewers of the review page at {@code /review}, each a name and its token
     * ({@code anonymizer.review.tokens.alice=<token>}, {@code ANONYMIZER_REVIEW_TOKENS_ALICE}); the name is what
     * the audit record says did each action. No token: no page (404). Tokens have at least 16 characters.
     */
    Map<String, String> tokens();

    /**
     * A release's claim older than this was left by a release that never ended (its process was killed in the
     * middle): the next release takes it over, so the photo does not stay held for ever. Far longer than a release
     * takes (well under a second for a photo).
     */
    @WithDefault("10m")
    Duration claimTimeout();

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
