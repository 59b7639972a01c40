package dev.anonymizer.detection;

import java.nio.file.Path;

/**
 * Where model files and descriptors live and how ONNX Runtime runs them: the plain settings the model registry takes,
 * built once at the edge from the configuration ({@code anonymizer.models.*}, whose names and defaults are documented
 * there).
 *
 * @param dir directory with {@code <id>.onnx} and {@code <id>.json} descriptor pairs
 * @param intraOpThreads ONNX Runtime intra-op threads per session
 * @param arenaShrinkage whether the CPU arena gives its unused chunks back after every inference
 * @param threadSpinning whether ONNX Runtime's idle intra-op threads spin instead of sleeping
 * @param parallelInferences how many model inputs of one search step may run at once in the process (0: one per
 *                           available processor; see {@link InferencePool})
 * @param verifyChecksums whether each model file's SHA-256 is checked against its descriptor
 * @param parallelLoad whether the models load at the same time, one thread each
 * @param warmUp whether each model runs once on a small grey image as it is loaded
 */
public record ModelSettings(Path dir, int intraOpThreads, boolean arenaShrinkage, boolean threadSpinning,
        int parallelInferences, boolean verifyChecksums, boolean parallelLoad, boolean warmUp) {
}
