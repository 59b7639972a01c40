package dev.anonymizer.pipeline;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.anonymizer.detection.PersonalDataFinder.DetectorKind;

/**
 * The time of each step of one image, in ms: the store's {@code fetch} (objects only), then the core's
 * {@code decode}, {@code detect} (the sum of the detectors) with each detector's own time, {@code censor} and
 * {@code encode}, and the store's {@code store} (objects only, and not yet in the audit record, which is written
 * before the copy). Written as one JSON object in that order, {@code detect.<detector>} right after {@code detect}.
 *
 * @param fetch     reading the object, null for a file
 * @param detectors each detector's time, in the order they ran
 * @param store     writing the audit record and the copy, null for files and before the copy is written
 */
public record StepTimings(Long fetch, long decode, Map<DetectorKind, Long> detectors, long censor, long encode,
        Long store) {

    /** The prefix of a detector's own step in {@link #steps()}. */
    public static final String DETECTOR_STEP = "detect.";

    public StepTimings {
        detectors = detectors.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(detectors));
    }

    /** The core's steps, without the store's. */
    public static StepTimings ofCore(long decode, Map<DetectorKind, Long> detectors, long censor, long encode) {
        return new StepTimings(null, decode, detectors, censor, encode, null);
    }

    /** With the time the object took to read. */
    public StepTimings withFetch(long ms) {
        return new StepTimings(ms, decode, detectors, censor, encode, store);
    }

    /** With the time the audit record and the copy took to write. */
    public StepTimings withStore(long ms) {
        return new StepTimings(fetch, decode, detectors, censor, encode, ms);
    }

    /** The detect step: every detector's time together. */
    public long detect() {
        return detectors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Each detector's time by its name ({@code objects}, {@code faces}, {@code text}). */
    public Map<String, Long> detectorMillis() {
        Map<String, Long> out = new LinkedHashMap<>();
        detectors.forEach((d, ms) -> out.put(d.key(), ms));
        return out;
    }

    /** Every step by its name, in order, as the replies, the audit record and the metrics name them. */
    @JsonValue
    public Map<String, Long> steps() {
        Map<String, Long> out = new LinkedHashMap<>();
        if (fetch != null) {
            out.put("fetch", fetch);
        }
        out.put("decode", decode);
        out.put("detect", detect());
        detectors.forEach((d, ms) -> out.put(DETECTOR_STEP + d.key(), ms));
        out.put("censor", censor);
        out.put("encode", encode);
        if (store != null) {
            out.put("store", store);
        }
        return out;
    }
}
