package dev.anonymizer.detection;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bytedeco.opencv.opencv_core.Mat;

import dev.anonymizer.region.Box;

/**
 * RetinaFace (InsightFace's MXNet export, e.g. MobileNet-0.25): one feature level per stride, each with a
 * score output {@code [1, 2A, H, W]} (A background channels, then A face channels, already soft-maxed) and a box
 * output {@code [1, 4A, H, W]} ({@code dx, dy, dw, dh} per anchor). Everything comes from {@code params.levels[]}:
 * {@code stride}, {@code anchorSizes} (square anchors, side in input pixels, one per anchor channel),
 * {@code scores}, {@code boxes}; and {@code params.anchorCentreOffset} (the first cell's anchor centre, input
 * pixels). A box is decoded as {@code centre + size * (dx, dy)}, {@code size * exp(dw, dh)}.
 */
public final class RetinaFaceDetector extends SessionDetector {

    /** Descriptor {@code params} of the retinaface family. */
    public record Params(double anchorCentreOffset, List<Level> levels) {
    }

    /** One feature level: stride, square anchor sides (input pixels) and its score and box outputs. */
    public record Level(int stride, List<Double> anchorSizes, String scores, String boxes) {
    }

    private final List<Level> levels;
    private final double centreOffset;
    private final Set<String> outputNames = new LinkedHashSet<>();

    public RetinaFaceDetector(ModelSession session) {
        super(session);
        ModelDescriptor d = session.descriptor();
        Params p = d.params(Params.class);
        this.centreOffset = p.anchorCentreOffset();
        this.levels = List.copyOf(p.levels());
        for (Level level : levels) {
            checkChannels(d, level.scores(), 2 * level.anchorSizes().size(), level.stride());
            checkChannels(d, level.boxes(), 4 * level.anchorSizes().size(), level.stride());
            outputNames.add(level.scores());
            outputNames.add(level.boxes());
        }
        if (levels.isEmpty()) {
            throw new ModelSetupException("model '" + d.id() + "': expected params.levels, got none");
        }
    }

    /** The level's output must exist and carry one channel per anchor and value (the session checked the shapes). */
    private static void checkChannels(ModelDescriptor d, String output, int channels, int stride) {
        List<Long> shape = d.outputs().stream().filter(o -> o.name().equals(output)).findFirst()
                .map(ModelDescriptor.Output::shape).orElse(null);
        if (shape == null || shape.size() != 4 || shape.get(1) != channels) {
            throw new ModelSetupException("model '" + d.id() + "': expected output '" + output + "' of shape [1, "
                    + channels + ", H, W] for stride " + stride + ", got " + (shape == null ? "no such output" : shape));
        }
    }

    @Override
    public List<Detection> detect(Mat bgr, double scale, double minScore) {
        PreparedInput input = prepare(bgr, scale);
        Map<String, OutputTensors.FloatOutput> out = session.infer(input, outputNames);
        List<Detection> found = new ArrayList<>();
        for (Level level : levels) {
            OutputTensors.FloatOutput scores = out.get(level.scores());
            OutputTensors.FloatOutput boxes = out.get(level.boxes());
            int anchors = level.anchorSizes().size();
            int gridH = (int) scores.shape()[2];
            int gridW = (int) scores.shape()[3];
            int plane = gridH * gridW;
            float[] s = scores.values();
            float[] b = boxes.values();
            for (int a = 0; a < anchors; a++) {
                double size = level.anchorSizes().get(a);
                int scoreBase = (anchors + a) * plane;
                int boxBase = 4 * a * plane;
                for (int y = 0; y < gridH; y++) {
                    for (int x = 0; x < gridW; x++) {
                        int cell = y * gridW + x;
                        float score = s[scoreBase + cell];
                        if (score < minScore) {
                            continue;
                        }
                        double cx = x * level.stride() + centreOffset + size * b[boxBase + cell];
                        double cy = y * level.stride() + centreOffset + size * b[boxBase + plane + cell];
                        double w = size * Math.exp(b[boxBase + 2 * plane + cell]);
                        double h = size * Math.exp(b[boxBase + 3 * plane + cell]);
                        Box inInput = new Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);
                        found.add(new Detection(model().label(0), score,
                                input.toSource(inInput).clamp(bgr.cols(), bgr.rows())));
                    }
                }
            }
        }
        return found;
    }
}
