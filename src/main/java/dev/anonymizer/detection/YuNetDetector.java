package dev.anonymizer.detection;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bytedeco.opencv.opencv_core.Mat;

import dev.anonymizer.region.Box;

/**
 * YuNet (libfacedetection.train): anchor-free, one feature level per stride. Per level and cell
 * {@code i = row * cols + col} (cols = input width / stride): a class score and an objectness (both already
 * sigmoid), and a box {@code (dx, dy, log w, log h)} in stride units. The score is
 * {@code sqrt(cls * obj)}; the box centre is {@code ((col + dx) * stride, (row + dy) * stride)}, its size
 * {@code exp(log w) * stride} by {@code exp(log h) * stride}. Levels and output names come from the descriptor.
 */
public final class YuNetDetector extends SessionDetector {

    /** Descriptor {@code params} of the yunet family. */
    public record Params(List<Level> levels) {
    }

    /** One feature level: its stride and the names of its class, objectness and box outputs. */
    public record Level(int stride, String cls, String obj, String bbox) {
    }

    private static final int BOX_VALUES = 4;

    private final List<Level> levels;
    private final Set<String> outputNames = new LinkedHashSet<>();

    public YuNetDetector(ModelSession session) {
        super(session);
        ModelDescriptor d = session.descriptor();
        this.levels = List.copyOf(d.params(Params.class).levels());
        if (levels.isEmpty()) {
            throw new ModelSetupException("model '" + d.id() + "': expected params.levels, got none");
        }
        if (!d.input().free()) {
            throw new ModelSetupException("model '" + d.id() + "': expected input.resize free (YuNet takes any size),"
                    + " got " + d.input().resize());
        }
        int largestStride = levels.stream().mapToInt(Level::stride).max().orElseThrow();
        Integer multiple = d.input().multipleOf();
        if (multiple == null || multiple % largestStride != 0) {
            throw new ModelSetupException("model '" + d.id() + "': expected input.multipleOf a multiple of the largest"
                    + " stride " + largestStride + ", got " + multiple);
        }
        for (Level l : levels) {
            checkOutput(d, l.cls(), 1);
            checkOutput(d, l.obj(), 1);
            checkOutput(d, l.bbox(), BOX_VALUES);
            outputNames.add(l.cls());
            outputNames.add(l.obj());
            outputNames.add(l.bbox());
        }
    }

    /** The output must be listed in the descriptor (the session checked it against the graph) as [n, cells, values]. */
    private static void checkOutput(ModelDescriptor d, String name, int values) {
        List<Long> shape = d.outputs().stream().filter(o -> o.name().equals(name)).findFirst()
                .map(ModelDescriptor.Output::shape).orElse(null);
        if (shape == null || shape.size() != 3 || shape.get(2) != values) {
            throw new ModelSetupException("model '" + d.id() + "': expected output '" + name + "' of shape [-1, -1, "
                    + values + "], got " + (shape == null ? "no such output" : shape));
        }
    }

    @Override
    public List<Detection> detect(Mat bgr, double scale, double minScore) {
        return probe(bgr, scale, minScore, 0).found();
    }

    /**
     * Finds as {@link #detect}; with a threshold above 0 also the box of every cell scored above it, nominated: a
     * face too small for this scale still scores weakly where it is.
     */
    @Override
    public Probed probe(Mat bgr, double scale, double minScore, double nominateThreshold) {
        double lowest = nominateThreshold > 0 ? Math.min(minScore, nominateThreshold) : minScore;
        List<Detection> all = raw(bgr, scale, lowest);
        List<Detection> found = all.stream().filter(d -> d.score() >= minScore).toList();
        List<Box> nominated = nominateThreshold > 0 ? all.stream().map(Detection::box).toList() : List.of();
        return new Probed(found, nominated);
    }

    private List<Detection> raw(Mat bgr, double scale, double minScore) {
        PreparedInput input = prepare(bgr, scale);
        Map<String, OutputTensors.FloatOutput> out = session.infer(input, outputNames);
        String label = model().label(0);
        List<Detection> found = new ArrayList<>();
        for (Level level : levels) {
            float[] cls = out.get(level.cls()).values();
            float[] obj = out.get(level.obj()).values();
            float[] box = out.get(level.bbox()).values();
            int stride = level.stride();
            int cols = input.inputWidth() / stride;
            for (int i = 0; i < cls.length; i++) {
                double score = Math.sqrt(unit(cls[i]) * unit(obj[i]));
                if (score < minScore) {
                    continue;
                }
                int b = i * BOX_VALUES;
                double cx = (i % cols + box[b]) * stride;
                double cy = (i / cols + box[b + 1]) * stride;
                double w = Math.exp(box[b + 2]) * stride;
                double h = Math.exp(box[b + 3]) * stride;
                Box inInput = new Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);
                found.add(new Detection(label, score, input.toSource(inInput).clamp(bgr.cols(), bgr.rows())));
            }
        }
        return found;
    }

    /** Clamps a probability to [0, 1]: the exported sigmoid can overshoot by a rounding error. */
    private static double unit(float p) {
        return Math.max(0, Math.min(1, p));
    }
}
