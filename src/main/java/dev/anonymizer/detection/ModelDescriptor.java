package dev.anonymizer.detection;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The facts of one model, read from {@code <id>.json} beside {@code <id>.onnx}: where it came from, its input and
 * output tensors, normalisation, labels and decoder parameters. Nothing about a model is written in code.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelDescriptor(
        String id,
        String file,
        String sha256,
        String family,
        String licence,
        Source source,
        Input input,
        List<Output> outputs,
        List<String> labels,
        Map<String, Object> params) {

    /** Where the file comes from (see models/tools/fetch-models.sh). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Source(
            String registry,
            @com.fasterxml.jackson.annotation.JsonProperty("package") String packageName,
            String version,
            String path,
            Object conversion) {
    }

    /** The single input tensor and how pixels become its values. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input(
            String name,
            String layout,
            List<Long> shape,
            String colorOrder,
            String resize,
            Integer maxSide,
            Integer multipleOf,
            Double padValue,
            double scale,
            List<Double> mean,
            List<Double> std) {

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
    }

    /** One output tensor. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Output(String name, List<Long> shape, String meaning) {
    }

    /** A numeric decoder parameter, failing with the model's name when it is missing. */
    public double param(String key) {
        Object v = params == null ? null : params.get(key);
        if (!(v instanceof Number n)) {
            throw new ModelSetupException("model '" + id + "': expected numeric params." + key + " in descriptor, got " + v);
        }
        return n.doubleValue();
    }

    /** A decoder parameter of any JSON type, or {@code fallback} when absent. */
    public Object paramOr(String key, Object fallback) {
        Object v = params == null ? null : params.get(key);
        return v == null ? fallback : v;
    }

    /** The label of class {@code index}, or the index as text when the descriptor lists none. */
    public String label(int index) {
        return labels != null && index >= 0 && index < labels.size() ? labels.get(index) : Integer.toString(index);
    }
}
