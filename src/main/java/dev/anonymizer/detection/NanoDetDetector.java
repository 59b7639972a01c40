package dev.anonymizer.detection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bytedeco.opencv.opencv_core.Mat;

import dev.anonymizer.region.Box;

/**
 * NanoDet (anchor-free, GFL head): per feature level a grid of cells, each with class probabilities and, per box
 * side, a distribution over {@code binsPerSide} distance bins. The expected bin (softmax-weighted index) times the
 * stride is the distance from the cell centre {@code ((x + centerOffset) * stride, (y + centerOffset) * stride)} to
 * that side, in input pixels. Levels, output names, side order and offsets come from the descriptor's params.
 */
public final class NanoDetDetector extends SessionDetector {

    /** Descriptor {@code params} of the nanodet family. */
    public record Params(int binsPerSide, double centerOffset, List<Level> levels, List<String> sideOrder) {
    }

    /** One feature level: stride, grid size and the names of its class-score and distance-bin outputs. */
    public record Level(int stride, int gridW, int gridH, String scores, String boxes) {
    }

    private static final List<String> SIDES = List.of("left", "top", "right", "bottom");

    private final List<Level> levels;
    private final int bins;
    private final double centerOffset;
    private final int[] sideIndex = new int[4];
    private final Set<String> outputNames = new LinkedHashSet<>();

    public NanoDetDetector(ModelSession session) {
        super(session);
        ModelDescriptor d = session.descriptor();
        Params p = d.params(Params.class);
        this.bins = p.binsPerSide();
        this.centerOffset = p.centerOffset();
        this.levels = List.copyOf(p.levels());
        levels.forEach(l -> {
            outputNames.add(l.scores());
            outputNames.add(l.boxes());
        });
        for (int s = 0; s < 4; s++) {
            sideIndex[s] = p.sideOrder().indexOf(SIDES.get(s));
        }
        if (levels.isEmpty() || Arrays.stream(sideIndex).anyMatch(i -> i < 0) || bins < 1) {
            throw new ModelSetupException("model '" + d.id() + "': expected params.levels, binsPerSide >= 1 and a "
                    + "sideOrder naming left, top, right, bottom; got " + d.params());
        }
    }

    @Override
    public List<Detection> detect(Mat bgr, double scale, double minScore) {
        PreparedInput input = prepare(bgr, scale);
        return decode(input, session.infer(input, outputNames), bgr, minScore);
    }

    /** The names of the outputs {@link #decode} reads. */
    Set<String> outputNames() {
        return outputNames;
    }

    /** The detections in one inference's {@code outputs} on {@code input}, prepared from {@code bgr}. */
    List<Detection> decode(PreparedInput input, Map<String, OutputTensors.FloatOutput> outputs, Mat bgr,
            double minScore) {
        ModelDescriptor d = session.descriptor();
        List<Detection> found = new ArrayList<>();
        for (Level level : levels) {
            float[] scores = outputs.get(level.scores()).values();
            float[] dist = outputs.get(level.boxes()).values();
            int cells = level.gridW() * level.gridH();
            int classes = scores.length / cells;
            for (int i = 0; i < cells; i++) {
                int best = -1;
                float bestScore = (float) minScore;
                for (int c = 0; c < classes; c++) {
                    float s = scores[i * classes + c];
                    if (s >= bestScore) {
                        bestScore = s;
                        best = c;
                    }
                }
                if (best < 0) {
                    continue;
                }
                double cx = (i % level.gridW() + centerOffset) * level.stride();
                double cy = (i / level.gridW() + centerOffset) * level.stride();
                int base = i * 4 * bins;
                double left = expectedBin(dist, base + sideIndex[0] * bins) * level.stride();
                double top = expectedBin(dist, base + sideIndex[1] * bins) * level.stride();
                double right = expectedBin(dist, base + sideIndex[2] * bins) * level.stride();
                double bottom = expectedBin(dist, base + sideIndex[3] * bins) * level.stride();
                Box inInput = new Box(cx - left, cy - top, cx + right, cy + bottom);
                found.add(new Detection(d.label(best), bestScore, input.toSource(inInput).clamp(bgr.cols(), bgr.rows())));
            }
        }
        return found;
    }

    /** Softmax over {@code bins} logits starting at {@code from}, then the expected index. */
    private double expectedBin(float[] v, int from) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < bins; k++) {
            max = Math.max(max, v[from + k]);
        }
        double sum = 0;
        double weighted = 0;
        for (int k = 0; k < bins; k++) {
            double e = Math.exp(v[from + k] - max);
            sum += e;
            weighted += e * k;
        }
        return weighted / sum;
    }
}
