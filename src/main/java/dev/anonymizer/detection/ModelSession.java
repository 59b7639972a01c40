package dev.anonymizer.detection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/**
 * An ONNX Runtime session together with the descriptor it was checked against. Created once per model at start-up,
 * closed on shutdown; {@link #run} is safe to call from several threads.
 */
public final class ModelSession implements AutoCloseable {

    private final ModelDescriptor descriptor;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final InferenceListener listener;
    private final OrtSession.RunOptions runOptions;
    /** Recent nanoseconds per input pixel (a moving average of the runs, as double bits; 0 before the first run). */
    private final AtomicLong nanosPerPixel = new AtomicLong();

    /** Told how long each inference took (metrics). */
    @FunctionalInterface
    public interface InferenceListener {
        void inferred(String modelId, long nanos);

        InferenceListener NONE = (id, nanos) -> {
        };
    }

    /** The weight of the newest run in the moving average of {@link #nanosPerInputPixel()}. */
    private static final double RATE_WEIGHT = 0.2;

    /** ONNX Runtime's run option that returns the CPU arena's unused chunks at the end of every run. */
    private static final String ARENA_SHRINKAGE = "memory.enable_memory_arena_shrinkage";
    /** ONNX Runtime's session option: whether idle intra-op threads spin (1) or sleep (0) while they wait for work. */
    private static final String ALLOW_SPINNING = "session.intra_op.allow_spinning";

    private ModelSession(ModelDescriptor descriptor, OrtEnvironment env, OrtSession session, InferenceListener listener,
            boolean shrinkArena) throws OrtException {
        this.descriptor = descriptor;
        this.env = env;
        this.session = session;
        this.listener = listener;
        this.runOptions = new OrtSession.RunOptions();
        if (shrinkArena) {
            runOptions.addRunConfigEntry(ARENA_SHRINKAGE, "cpu:0");
        }
    }

    /** Reads the descriptor {@code <dir>/<id>.json}. */
    public static ModelDescriptor readDescriptor(Path dir, String id, ObjectMapper json) {
        Path file = dir.resolve(id + ".json");
        if (!Files.isRegularFile(file)) {
            throw new ModelSetupException("model '" + id + "': expected descriptor " + file.toAbsolutePath()
                    + ", got no such file (models directory: " + dir.toAbsolutePath() + ")");
        }
        try {
            ModelDescriptor d = json.readValue(file.toFile(), ModelDescriptor.class);
            if (!id.equals(d.id())) {
                throw new ModelSetupException("model '" + id + "': expected descriptor id '" + id + "', got '" + d.id() + "'");
            }
            if (d.input() == null || d.outputs() == null || d.outputs().isEmpty() || d.family() == null) {
                throw new ModelSetupException("model '" + id + "': expected input, outputs and family in " + file
                        + ", got an incomplete descriptor");
            }
            return d;
        } catch (IOException e) {
            throw new ModelSetupException("model '" + id + "': cannot read descriptor " + file + ": " + e.getMessage(), e);
        }
    }

    /** Opens the model's session and checks it against the descriptor; fails with "expected ... got ...". */
    public static ModelSession open(OrtEnvironment env, Path dir, ModelDescriptor d, int intraOpThreads,
            boolean verifyChecksum, InferenceListener listener) {
        return open(env, dir, d, intraOpThreads, verifyChecksum, true, listener);
    }

    /** As above; {@code shrinkArena}: the CPU arena gives its unused chunks back after every run. */
    public static ModelSession open(OrtEnvironment env, Path dir, ModelDescriptor d, int intraOpThreads,
            boolean verifyChecksum, boolean shrinkArena, InferenceListener listener) {
        return open(env, dir, d, intraOpThreads, verifyChecksum, shrinkArena, false, listener);
    }

    /**
     * As above; {@code threadSpinning}: ONNX Runtime's intra-op threads spin while they wait for work (its default)
     * instead of sleeping, which only pays where every core is the session's own.
     */
    public static ModelSession open(OrtEnvironment env, Path dir, ModelDescriptor d, int intraOpThreads,
            boolean verifyChecksum, boolean shrinkArena, boolean threadSpinning, InferenceListener listener) {
        Path file = dir.resolve(d.file());
        if (!Files.isRegularFile(file)) {
            throw new ModelSetupException("model '" + d.id() + "': expected model file " + file.toAbsolutePath()
                    + ", got no such file");
        }
        if (verifyChecksum && d.sha256() != null) {
            String actual = sha256(file);
            if (!actual.equalsIgnoreCase(d.sha256())) {
                throw new ModelSetupException("model '" + d.id() + "': expected SHA-256 " + d.sha256() + ", got " + actual
                        + " for " + file);
            }
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // The search plan runs free-size models at a new input size on nearly every pass: memory patterns are
            // per input shape and would be planned anew each time; the arena stays (fast allocation within a run)
            // and, where the settings ask for it, gives its chunks back after each run (ARENA_SHRINKAGE).
            options.setMemoryPatternOptimization(false);
            options.addConfigEntry(ALLOW_SPINNING, threadSpinning ? "1" : "0");
            OrtSession session = env.createSession(file.toString(), options);
            ModelSession ms;
            try {
                ms = new ModelSession(d, env, session, listener, shrinkArena);
            } catch (OrtException | RuntimeException e) {
                session.close();
                throw e;
            }
            try {
                ms.checkAgainstDescriptor();
            } catch (RuntimeException e) {
                ms.close();
                throw e;
            }
            return ms;
        } catch (OrtException e) {
            throw new ModelSetupException("model '" + d.id() + "': ONNX Runtime cannot load " + file + ": " + e.getMessage(), e);
        }
    }

    private void checkAgainstDescriptor() throws OrtException {
        String id = descriptor.id();
        Map<String, NodeInfo> inputs = session.getInputInfo();
        ModelDescriptor.Input in = descriptor.input();
        if (inputs.size() != 1 || !inputs.containsKey(in.name())) {
            throw new ModelSetupException("model '" + id + "': expected one input named '" + in.name() + "', got "
                    + inputs.keySet());
        }
        checkShape("input '" + in.name() + "'", in.shape(), inputs.get(in.name()));
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        for (ModelDescriptor.Output out : descriptor.outputs()) {
            NodeInfo info = outputs.get(out.name());
            if (info == null) {
                throw new ModelSetupException("model '" + id + "': expected output '" + out.name() + "', got "
                        + outputs.keySet());
            }
            checkShape("output '" + out.name() + "'", out.shape(), info);
        }
    }

    private void checkShape(String what, List<Long> expected, NodeInfo info) {
        if (!(info.getInfo() instanceof TensorInfo tensor)) {
            throw new ModelSetupException("model '" + descriptor.id() + "': expected " + what + " to be a tensor, got "
                    + info.getInfo());
        }
        long[] actual = tensor.getShape();
        boolean same = expected != null && expected.size() == actual.length;
        for (int i = 0; same && i < actual.length; i++) {
            long e = expected.get(i);
            // a dynamic dimension in the graph (reported as -1) must be dynamic in the descriptor too
            same = e == actual[i] || (e < 0 && actual[i] < 0);
        }
        if (!same) {
            throw new ModelSetupException("model '" + descriptor.id() + "': expected " + what + " shape " + expected
                    + ", got " + Arrays.toString(actual));
        }
    }

    /**
     * Runs the model on one input. The caller closes the returned result (try-with-resources).
     */
    public OrtSession.Result run(PreparedInput input) {
        long start = System.nanoTime();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, input.values(), input.shape())) {
            OrtSession.Result result = session.run(Map.of(descriptor.input().name(), tensor), runOptions);
            ran(input, start);
            return result;
        } catch (OrtException e) {
            throw new IllegalStateException("model '" + descriptor.id() + "' failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs the model with its output {@code outputName} written straight into {@code out}, a direct buffer in native
     * order holding {@code outShape}'s values: the output is not copied out of ONNX Runtime.
     */
    void runInto(PreparedInput input, String outputName, FloatBuffer out, long[] outShape) {
        long start = System.nanoTime();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, input.values(), input.shape());
                OnnxTensor pinned = OnnxTensor.createTensor(env, out, outShape);
                OrtSession.Result result = session.run(Map.of(descriptor.input().name(), tensor), Set.of(),
                        Map.of(outputName, pinned), runOptions)) {
            ran(input, start);
        } catch (OrtException e) {
            throw new IllegalStateException("model '" + descriptor.id() + "' failed: " + e.getMessage(), e);
        }
    }

    private void ran(PreparedInput input, long start) {
        long nanos = System.nanoTime() - start;
        listener.inferred(descriptor.id(), nanos);
        recordRate(nanos, (long) input.inputWidth() * input.inputHeight());
    }

    /**
     * About how many nanoseconds one input pixel of this model has taken in recent runs (0 before the first run):
     * what lets the search start its costliest model inputs first.
     */
    public double nanosPerInputPixel() {
        return Double.longBitsToDouble(nanosPerPixel.get());
    }

    private void recordRate(long nanos, long pixels) {
        if (pixels <= 0) {
            return;
        }
        double rate = (double) nanos / pixels;
        nanosPerPixel.updateAndGet(bits -> {
            double old = Double.longBitsToDouble(bits);
            return Double.doubleToLongBits(old == 0 ? rate : old + RATE_WEIGHT * (rate - old));
        });
    }

    /**
     * Runs the model and copies out the named float outputs; the native result is closed before this returns.
     */
    Map<String, OutputTensors.FloatOutput> infer(PreparedInput input, java.util.Collection<String> outputNames) {
        try (OrtSession.Result result = run(input)) {
            Map<String, OutputTensors.FloatOutput> out = new java.util.HashMap<>();
            for (String name : outputNames) {
                out.put(name, OutputTensors.read(result, descriptor, name));
            }
            return out;
        }
    }

    public ModelDescriptor descriptor() {
        return descriptor;
    }

    /** Hex SHA-256 of a file. */
    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            DigestInputStream din = (DigestInputStream) in;
            din.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(din.getMessageDigest().digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new ModelSetupException("cannot hash " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        runOptions.close();
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing model '" + descriptor.id() + "': " + e.getMessage(), e);
        }
    }
}
