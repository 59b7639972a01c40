package dev.anonymizer.pipeline;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import dev.anonymizer.detection.Doubt;
import dev.anonymizer.imaging.jpeg.FallbackReason;
import dev.anonymizer.imaging.jpeg.JpegPath;
import dev.anonymizer.imaging.jpeg.QuantisationSource;

/**
 * The per-image audit record as Jackson writes it (components in order). Where the input was and the copy went is
 * the door's part ({@link Input} and {@link Output} per kind of place); everything else comes from the core. The
 * field set is held by {@code DocumentShapesTest} and {@code AnonymizeCommandTest}.
 *
 * @param jpeg   for a JPEG, how it was written; left out for other formats
 * @param policy the censoring policy's fingerprint ({@link PolicyFingerprint}): what {@code backfill --stale}
 *               compares, with the models' checksums
 * @param doubts what the core was unsure about; left out when review is off ({@code anonymizer.review.mode=off})
 * @param review hold mode: the photo's review (held, then released, and every reviewer's action); left out otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditDocument(int version, String processedAt, Input input, Output output, Jpeg jpeg,
        List<Model> models, Policy policy, List<Search> search, List<Budget> budgets, Thresholds thresholds,
        Map<String, Integer> counts, int censoredRegions, List<Found> regions, List<Censored> censoredBoxes,
        List<DoubtEntry> doubts, List<String> metadataRemoved, boolean iccProfileKept, StepTimings timingsMs,
        Review review) {

    /** The input: where it was, its checksum and size, and what it was. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
    public sealed interface Input {
    }

    /** An object of the store; its ETag is named even when unknown (null). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record StoredInput(String bucket, String key, String etag, String sha256, long bytes, String format,
            int width, int height, int exifOrientation) implements Input {
    }

    /** A file of the command line. */
    public record FileInput(String file, String sha256, long bytes, String format, int width, int height,
            int exifOrientation) implements Input {
    }

    /** The censored copy: where it went, its checksum and size. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
    public sealed interface Output {
    }

    /** An object of the store. */
    public record StoredOutput(String bucket, String key, String sha256, long bytes) implements Output {
    }

    /** A file. */
    public record FileOutput(String file, String sha256, long bytes) implements Output {
    }

    /** How a JPEG was written: only the censored blocks re-encoded, or the whole image (and why). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Jpeg(JpegPath path, long blocksRewritten, long blocksTotal, QuantisationSource quantisation,
            FallbackReason fallback) {
    }

    /** A model that decided, with its checksum, licence and the terms of its training data. */
    public record Model(String id, String family, String sha256, String licence, String dataTerms) {
    }

    /** The censoring policy that decided: {@code fingerprint} is the SHA-256 {@link PolicyFingerprint} gives. */
    public record Policy(String fingerprint) {
    }

    /**
     * A doubt: its kind's code ({@code vehicle-without-plate}, ...), its box (x1, y1, x2, y2 in pixels of the upright
     * image) and, where the rule has one, its score.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DoubtEntry(String kind, List<Long> box, Double score) {

        /** The entry of a core doubt. */
        public static DoubtEntry of(Doubt d) {
            return new DoubtEntry(d.kind().code(), AuditRecords.box(d.box()),
                    d.score().isPresent() ? Math.round(d.score().getAsDouble() * 1000) / 1000.0 : null);
        }
    }

    /** How closely one plan searched: the object heights it covered (and wanted). */
    public record Search(String look, String model, int passes, List<Double> scales, double coveredFromPx,
            double wantedFromPx, double inputMegapixels) {
    }

    /** What a detector was allowed on the image, what it spent, and what the budget left uncovered. */
    public record Budget(String model, double budgetMegapixels, double spentMegapixels, int inferences,
            int packedLooks, List<Uncovered> uncovered) {
    }

    /** An area searched less closely than wanted: {@code area} is x1, y1, x2, y2 in pixels. */
    public record Uncovered(String look, List<Integer> area, double wantedFromPx, double coveredFromPx) {
    }

    /** The minimum scores used. */
    public record Thresholds(@JsonProperty("face.minScore") double faceMinScore,
            @JsonProperty("text.minScore") double textMinScore,
            @JsonProperty("text.pixelThreshold") double textPixelThreshold,
            @JsonProperty("objects.minScore") double objectsMinScore) {
    }

    /** A region found: {@code box} is x1, y1, x2, y2 in pixels of the upright image. */
    public record Found(String category, String label, double score, String model, List<Long> box) {
    }

    /** A region censored (padded, cut to the image). */
    public record Censored(String category, List<Long> box) {
    }

    /** Where a held photo stands. */
    public enum ReviewState {
        /** Waiting in the review area. */
        HELD,
        /** Released by a person to the output. */
        RELEASED,
        /** Flag mode: in the output already, looked at by a person (and censored further where they drew a box). */
        REVIEWED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What a reviewer did. */
    public enum ReviewActionKind {
        /** Censored a box (of a category) the detectors had missed, in the held censored copy. */
        CENSORED,
        /** Released the photo to the output. */
        RELEASED,
        /** Flag mode: looked at the photo in the output and let it stand (after any box censored). */
        REVIEWED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The review of a held photo: its state and every action, in order. */
    public record Review(ReviewState state, List<ReviewAction> actions) {

        /** Just held, nothing done yet. */
        public static Review held() {
            return new Review(ReviewState.HELD, List.of());
        }
    }

    /**
     * One reviewer's action: who (the token's name on the page, {@code cli:<user>} on the command line), when, what,
     * and for a censored box its category and {@code box} (x1, y1, x2, y2 in pixels of the upright image).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReviewAction(ReviewActionKind action, String by, String at, String category, List<Long> box) {
    }
}
