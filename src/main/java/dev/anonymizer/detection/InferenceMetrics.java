package dev.anonymizer.detection;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Records model inference time per model as the {@code anonymizer.model.inference} timer. */
@ApplicationScoped
public class InferenceMetrics {

    private final MeterRegistry registry;

    public InferenceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String modelId, long nanos) {
        Timer.builder("anonymizer.model.inference")
                .description("Model inference time (ONNX Runtime run only)")
                .tag("model", modelId)
                .publishPercentileHistogram()
                .register(registry)
                .record(Duration.ofNanos(nanos).toNanos(), TimeUnit.NANOSECONDS);
    }
}
