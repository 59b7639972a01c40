package dev.anonymizer.benchmark;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;

import dev.anonymizer.detection.Detector;
import dev.anonymizer.detection.ModelRegistry;

/**
 * The floor a photo's time is measured against: one pass of each default model on it, the face model at the photo's
 * own size, the text model at a long side of 960, the object model at its fixed input (pre- and post-processing
 * included), each the median of {@code runs} after {@code warmUp} runs. Each pass is timed twice: on the wall clock
 * and in CPU time of the whole process ({@link #processCpuNanos()}), which a shared, busy machine disturbs far less.
 */
final class Floor {

    static final double TEXT_LONG_SIDE = 960;

    /** Milliseconds on the wall clock and of the process's CPU time. */
    record Cost(double wallMs, double cpuMs) {
        static final Cost ZERO = new Cost(0, 0);

        Cost plus(Cost o) {
            return new Cost(wallMs + o.wallMs, cpuMs + o.cpuMs);
        }

        Cost minus(Cost o) {
            return new Cost(wallMs - o.wallMs, cpuMs - o.cpuMs);
        }
    }

    private Floor() {
    }

    /** Milliseconds of one pass of each configured model on {@code image} (wall clock). */
    static double onePassOfEach(ModelRegistry models, Mat image, int warmUp, int runs) {
        return cost(models, image, warmUp, runs).wallMs();
    }

    /** One pass of each configured model on {@code image}, wall clock and CPU time. */
    static Cost cost(ModelRegistry models, Mat image, int warmUp, int runs) {
        Cost sum = Cost.ZERO;
        if (!models.faces().isEmpty()) {
            sum = sum.plus(median(models.faces().get(0), image, 1.0, warmUp, runs));
        }
        if (models.text().isPresent()) {
            sum = sum.plus(textPass(models.text().get(), image, warmUp, runs));
        }
        if (models.objects().isPresent()) {
            sum = sum.plus(median(models.objects().get(), image, 1.0, warmUp, runs));
        }
        return sum;
    }

    /** One pass of {@code text} at a long side of {@link #TEXT_LONG_SIDE}. */
    static Cost textPass(Detector text, Mat image, int warmUp, int runs) {
        return median(text, image, TEXT_LONG_SIDE / Math.max(image.cols(), image.rows()), warmUp, runs);
    }

    /** One pass of the object model {@code objects} at its own input size. */
    static Cost objectPass(Detector objects, Mat image, int warmUp, int runs) {
        return median(objects, image, 1.0, warmUp, runs);
    }

    /** CPU time of every thread of this JVM so far (ONNX Runtime's and OpenCV's native threads included). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Cost median(Detector det, Mat image, double scale, int warmUp, int runs) {
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int i = 0; i < warmUp + runs; i++) {
            long t = System.nanoTime();
            long c = processCpuNanos();
            det.detect(image, scale, 0.5);
            if (i >= warmUp) {
                wall.add((System.nanoTime() - t) / 1e6);
                cpu.add((processCpuNanos() - c) / 1e6);
            }
        }
        Collections.sort(wall);
        Collections.sort(cpu);
        return new Cost(wall.get(wall.size() / 2), cpu.get(cpu.size() / 2));
    }
}
