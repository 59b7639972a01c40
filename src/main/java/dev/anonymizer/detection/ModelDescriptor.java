package dev.anonymizer.detection;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The facts of one model, read from {@code <id>.json} beside {@code <id>.onnx}: where it came from, its input and
 * output tensors, normalisation, labels, the object sizes it finds well and its family's decoder parameters.
 * Nothing about a model is written in code. Decoder parameters stay a JSON tree here and are read into the
 * family's own typed record by {@link #params(Class)}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelDescriptor(
        String id,
        String file,
        String sha256,
        String family,
        String licence,
        String dataTerms,
        Source source,
        Input input,
        List<Output> outputs,
        List<String> labels,
        Search search,
        JsonNode params) {

    /** Reads family parameters strictly: an unknown or misspelt key is an error, not a silently ignored default. */
    private static final ObjectMapper PARAMS = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, true);

    /**
     * Where the file comes from (see models/tools/fetch-models.sh): a registry package ({@code npm}, {@code maven}),
     * a public repository at a commit ({@code github}) or the user's own file ({@code user}).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Source(
            String registry,
            @JsonProperty("package") String packageName,
            String version,
            String repository,
            String commit,
            String path,
            Object conversion) {
    }

    /** How pixels are fitted into a model's input. */
    public enum Resize {
        /** Fixed input: the image is stretched to it. */
        STRETCH("stretch"),
        /** Fixed input: the image keeps its aspect ratio, centred, the rest padded. */
        LETTERBOX("letterbox"),
        /** Fixed input: as letterbox, but the image sits in the top-left corner (YOLOX's export). */
        LETTERBOX_TOP_LEFT("letterbox-top-left"),
        /**
         * Free input size: the image is scaled by the factor the search plan gives, then padded at the right and
         * bottom to a multiple of {@code multipleOf}.
         */
        FREE("free");

        private final String key;

        Resize(String key) {
            this.key = key;
        }

        @JsonValue
        public String key() {
            return key;
        }

        @JsonCreator
        public static Resize of(String key) {
            return byKey(values(), Resize::key, key, "resize stretch, letterbox, letterbox-top-left or free");
        }
    }

    /**
     * How an image is drawn smaller into a model's input (larger is always bilinear). Either way, a shrink to less
     * than half is first halved by 2x2 averaging until it is not, so no pixel is skipped.
     */
    public enum Shrink {
        /** Area averaging: each input pixel is the mean of the image pixels under it (the default). */
        AREA("area"),
        /** Bilinear sampling, as a model's own pre-processing does it (PaddleOCR's resize for its text detectors). */
        BILINEAR("bilinear");

        private final String key;

        Shrink(String key) {
            this.key = key;
        }

        @JsonValue
        public String key() {
            return key;
        }

        @JsonCreator
        public static Shrink of(String key) {
            return byKey(values(), Shrink::key, key, "shrink area or bilinear");
        }
    }

    /** The constant of {@code values} whose key is {@code key}; "expected {@code expected}, got ..." otherwise. */
    private static <E extends Enum<E>> E byKey(E[] values, Function<E, String> keyOf, String key, String expected) {
        for (E e : values) {
            if (keyOf.apply(e).equals(key)) {
                return e;
            }
        }
        throw new IllegalArgumentException("expected " + expected + ", got '" + key + "'");
    }

    /** The single input tensor and how pixels become its values. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input(
            String name,
            String layout,
            List<Long> shape,
            String colorOrder,
            Resize resize,
            Integer multipleOf,
            Double padValue,
            double scale,
            List<Double> mean,
            List<Double> std,
            Shrink shrink) {

        /** How the image is drawn smaller into this input: {@code shrink}, area averaging where it is not given. */
        public Shrink shrinking() {
            return shrink == null ? Shrink.AREA : shrink;
        }

        public boolean nchw() {
            return "NCHW".equalsIgnoreCase(layout);
        }

        public boolean rgb() {
            return "RGB".equalsIgnoreCase(colorOrder);
        }

        /** Fixed input height, or -1 when the model takes any size. */
        public int fixedHeight() {
            return (int) (long) shape.get(nchw() ? 2 : 1);
        }

        /** Fixed input width, or -1 when the model takes any size. */
        public int fixedWidth() {
            return (int) (long) shape.get(nchw() ? 3 : 2);
        }

        /** True when the model takes any input size (the search plan chooses the scale). */
        public boolean free() {
            return resize == Resize.FREE;
        }
    }

    /** One output tensor. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Output(String name, List<Long> shape, String meaning) {
    }

    /**
     * What the search plan needs to know of a model: the object heights, in model-input pixels, that it finds well
     * (measured; see models/README.md), so that every pass shows it objects of those sizes.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Search(ObjectSizes objectSizes, String measured) {
    }

    /** A range of object heights in model-input pixels. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ObjectSizes(double min, double max) {
    }

    /**
     * The family's decoder parameters as {@code type}; fails naming the model when a field is missing, unknown or of
     * the wrong type.
     */
    public <T> T params(Class<T> type) {
        if (params == null || params.isNull()) {
            throw new ModelSetupException("model '" + id + "': expected params for family " + family + " ("
                    + type.getSimpleName() + "), got none");
        }
        try {
            return PARAMS.treeToValue(params, type);
        } catch (JsonProcessingException e) {
            throw new ModelSetupException("model '" + id + "': expected params of family " + family + " ("
                    + type.getSimpleName() + "), got " + params + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The label of class {@code index}, or the index as text when the descriptor lists none. */
    public String label(int index) {
        return labels != null && index >= 0 && index < labels.size() ? labels.get(index) : Integer.toString(index);
    }
}
