package dev.anonymizer.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;

import dev.anonymizer.detection.Detector;
import dev.anonymizer.detection.ModelRegistry;

/**
 * The floor a photo's time is measured against: one pass of each default model on it, the face model at the photo's
 * own size, the text model at a long side of 960, the object model at its fixed input (pre- and post-processing
 * included), each the median of {@code runs} after {@code warmUp} runs.
 */
final class Floor {

    static final double TEXT_LONG_SIDE = 960;

    private Floor() {
    }

    /** Milliseconds of one pass of each configured model on {@code image}. */
    static double onePassOfEach(ModelRegistry models, Mat image, int warmUp, int runs) {
        double sum = 0;
        if (!models.faces().isEmpty()) {
            sum += medianMillis(models.faces().get(0), image, 1.0, warmUp, runs);
        }
        double textScale = TEXT_LONG_SIDE / Math.max(image.cols(), image.rows());
        sum += models.text().map(d -> medianMillis(d, image, textScale, warmUp, runs)).orElse(0.0);
        sum += models.objects().map(d -> medianMillis(d, image, 1.0, warmUp, runs)).orElse(0.0);
        return sum;
    }

    /** Milliseconds of one pass of {@code text} at a long side of {@link #TEXT_LONG_SIDE}. */
    static double textPass(Detector text, Mat image, int warmUp, int runs) {
        return medianMillis(text, image, TEXT_LONG_SIDE / Math.max(image.cols(), image.rows()), warmUp, runs);
    }

    private static double medianMillis(Detector det, Mat image, double scale, int warmUp, int runs) {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < warmUp + runs; i++) {
            long t = System.nanoTime();
            det.detect(image, scale, 0.5);
            if (i >= warmUp) {
                ms.add((System.nanoTime() - t) / 1e6);
            }
        }
        Collections.sort(ms);
        return ms.get(ms.size() / 2);
    }
}
