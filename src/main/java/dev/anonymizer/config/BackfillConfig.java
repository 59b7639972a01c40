package dev.anonymizer.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Backfill: anonymizing what a bucket already holds, either in this process or by publishing one
 * {@code dev.anonymizer.image.stored} event per object so the cluster scales out to do the work.
 */
@ConfigMapping(prefix = "anonymizer.backfill")
public interface BackfillConfig {

    /**
     * Images processed at once in process mode and by the {@code anonymize} command; 0 means one per available CPU.
     * Each inference uses one ONNX Runtime thread ({@code anonymizer.models.intra-op-threads}), so one image per core
     * keeps the cores busy.
     */
    @WithDefault("0")
    int parallelism();

    /**
     * Where publish mode POSTs its events (a broker or channel URL). Defaults to the {@code K_SINK} environment
     * variable that a Knative SinkBinding injects. Deliberately not settable from an event: an event naming the
     * URL to post to would let anyone who can send events make the function send requests anywhere.
     */
    @WithDefault("${K_SINK:}")
    Optional<String> sink();

    /** Events in flight at once in publish mode. */
    @WithDefault("16")
    int publishConcurrency();

    /** Retries of one event after a 5xx, a 429 or a connection error, before it counts as failed. */
    @WithDefault("5")
    int publishRetries();

    /** Wait before the first retry; doubled for each further one (with jitter), at most 30 s. */
    @WithDefault("250ms")
    Duration publishBackoff();

    /** Time limit of one POST to the sink. */
    @WithDefault("30s")
    Duration publishTimeout();

    /**
     * Stop after handing out this many objects (0 = no limit): a trial run on the first few, or a run cut into
     * pieces; a later run resumes, because finished objects are skipped.
     */
    @WithDefault("0")
    long maxObjects();

    /**
     * How often the progress bar of {@code backfill} and {@code anonymize} is redrawn on a terminal. When stderr is
     * not a terminal (a Job's log), a new line is written only every ten intervals, so logs stay readable.
     */
    @WithDefault("500ms")
    Duration progressInterval();
}
