package dev.anonymizer.pipeline;

import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import dev.anonymizer.region.Region;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Prometheus metrics of the pipeline: images by outcome and reason, latency per step, regions censored per category.
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
                .tag("reason", o.reason() == null ? "none" : o.reason())
                .register(registry).increment();
        step("total", o.elapsedMs());
        o.timingsMs().forEach((step, ms) -> {
            if (!step.startsWith("detect.")) {
                step(step, ms);
            }
        });
    }

    void failed(Throwable e) {
        Counter.builder("anonymizer.images")
                .description("Images handled, by outcome and reason")
                .tag("outcome", "failed")
                .tag("reason", e.getClass().getSimpleName())
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

    private void step(String step, long ms) {
        Timer.builder("anonymizer.step")
                .description("Time per pipeline step")
                .tag("step", step)
                .publishPercentileHistogram()
                .register(registry)
                .record(ms, TimeUnit.MILLISECONDS);
    }
}
