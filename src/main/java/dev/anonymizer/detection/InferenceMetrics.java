package dev.anonymizer.detection;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Records model inference time per model as the {@code anonymizer.model.inference} timer (Prometheus:
 * {@code anonymizer_model_inference_seconds} histogram, tag {@code model}): the ONNX Runtime run only, without pre-
 * and post-processing, so it is the floor the pipeline's step times can be compared against. Made once, at the edge
 * ({@code pipeline.DetectionBeans}).
 */
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
                // one inference takes milliseconds to seconds: fewer, relevant buckets in Prometheus
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
