package dev.anonymizer.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import dev.anonymizer.detection.Doubt;
import dev.anonymizer.region.Region;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Prometheus metrics of the pipeline: images by outcome and reason ({@code anonymizer_images_total}, failures as
 * outcome {@code failed} with a bounded reason), a latency histogram per step ({@code anonymizer_step_seconds}, steps
 * fetch, decode, detect, detect.&lt;detector&gt;, censor, encode, store, total) and regions censored per category
 * ({@code anonymizer_regions_censored_total}); photos that asked for review ({@code anonymizer_review_requested_total}),
 * their doubts by kind ({@code anonymizer_doubts_total{kind}}) and review-requested events the sink did not take
 * ({@code anonymizer_review_requests_failed_total}).
 */
@ApplicationScoped
public class PipelineMetrics {

    private final MeterRegistry registry;

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(Outcome o) {
        Counter.builder("anonymizer.images")
                .description("Images handled, by outcome and reason")
                .tag("outcome", o.status().key())
                .tag("reason", o.reasonCode() == null ? "none" : o.reasonCode())
                .register(registry).increment();
        step("total", o.elapsedMs());
        if (o instanceof Outcome.Anonymized a) {
            // "detect" is the sum of the detect.<detector> steps; both are kept, so a dashboard can show either
            a.timingsMs().steps().forEach(this::step);
        }
    }

    /** Images with this outcome since start (anonymized, rejected, skipped), from the counters above. */
    public long images(Outcome.Status status) {
        return Math.round(registry.find("anonymizer.images").tag("outcome", status.key()).counters().stream()
                .mapToDouble(Counter::count).sum());
    }

    void failed(Throwable e) {
        Counter.builder("anonymizer.images")
                .description("Images handled, by outcome and reason")
                .tag("outcome", "failed")
                .tag("reason", Outcome.failureReason(e))
                .register(registry).increment();
    }

    void regions(List<Region> censored) {
        for (Region r : censored) {
            Counter.builder("anonymizer.regions.censored")
                    .description("Regions censored, by category")
                    .tag("category", r.category().key())
                    .register(registry).increment();
        }
    }

    void reviewRequested(List<Doubt> doubts) {
        Counter.builder("anonymizer.review.requested")
                .description("Photos with doubts, for which a person's review was asked")
                .register(registry).increment();
        for (Doubt d : doubts) {
            Counter.builder("anonymizer.doubts")
                    .description("Doubts named, by kind")
                    .tag("kind", d.kind().code())
                    .register(registry).increment();
        }
    }

    void reviewRequestFailed() {
        Counter.builder("anonymizer.review.requests.failed")
                .description("Review-requested events the sink did not take (after one retry)")
                .register(registry).increment();
    }

    private void step(String step, long ms) {
        Timer.builder("anonymizer.step")
                .description("Time per pipeline step")
                .tag("step", step)
                .publishPercentileHistogram()
                // bounds the histogram to the range a step can take: fewer buckets per series in Prometheus
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry)
                .record(ms, TimeUnit.MILLISECONDS);
    }
}
