package dev.anonymizer.detection;

import java.nio.FloatBuffer;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtSession;

/** Reads named float outputs of a result; the values stay owned (and closed) by the result. */
final class OutputTensors {

    private OutputTensors() {
    }

    /** A named output's values and shape. */
    record FloatOutput(float[] values, long[] shape) {
    }

    static FloatOutput read(OrtSession.Result result, ModelDescriptor d, String name) {
        OnnxValue value = result.get(name).orElseThrow(() -> new IllegalStateException(
                "model '" + d.id() + "': expected output '" + name + "', got none"));
        if (!(value instanceof OnnxTensor tensor)) {
            throw new IllegalStateException("model '" + d.id() + "': expected output '" + name + "' to be a tensor");
        }
        FloatBuffer fb = tensor.getFloatBuffer();
        if (fb == null) {
            throw new IllegalStateException("model '" + d.id() + "': expected float output '" + name + "', got "
                    + tensor.getInfo().type);
        }
        float[] values = new float[fb.remaining()];
        fb.get(values);
        return new FloatOutput(values, tensor.getInfo().getShape());
    }
}
