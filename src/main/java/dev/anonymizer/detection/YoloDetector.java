package dev.anonymizer.detection;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;

import dev.anonymizer.region.Box;

/**
 * YOLO exports, for users who bring their own weights (Ultralytics weights are AGPL and never bundled).
 * Two layouts, named by the descriptor's {@code params.layout}:
 * <ul>
 * <li>{@code v5}: one output {@code [1, N, 5 + C]} = cx, cy, w, h, objectness, C class scores;</li>
 * <li>{@code v8} (also v11): one output {@code [1, 4 + C, N]} = cx, cy, w, h, C class scores, no objectness.</li>
 * </ul>
 * Coordinates are in model-input pixels; scores are probabilities already.
 */
public final class YoloDetector extends SessionDetector {

    /** Descriptor {@code params} of the yolo family: the output layout, {@code v5} or {@code v8}. */
    public record Params(String layout) {
    }

    private final boolean v8;

    public YoloDetector(ModelSession session) {
        super(session);
        String layout = session.descriptor().params(Params.class).layout();
        if (!"v5".equals(layout) && !"v8".equals(layout)) {
            throw new ModelSetupException("model '" + session.descriptor().id()
                    + "': expected params.layout v5 or v8, got " + layout);
        }
        this.v8 = "v8".equals(layout);
    }

    @Override
    public List<Detection> detect(Mat bgr, double scale, double minScore) {
        ModelDescriptor d = session.descriptor();
        PreparedInput input = prepare(bgr, scale);
        String name = d.outputs().get(0).name();
        OutputTensors.FloatOutput out = session.infer(input, List.of(name)).get(name);
        return decode(out.values(), out.shape(), v8, minScore, d, input);
    }

    /** Decodes a raw YOLO output; public for tests of the layouts. */
    static List<Detection> decode(float[] v, long[] shape, boolean v8, double minScore, ModelDescriptor d,
            PreparedInput input) {
        int rows;
        int attrs;
        if (v8) {
            attrs = (int) shape[1];
            rows = (int) shape[2];
        } else {
            rows = (int) shape[1];
            attrs = (int) shape[2];
        }
        int first = v8 ? 4 : 5;
        int classes = attrs - first;
        List<Detection> found = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            float objectness = v8 ? 1f : at(v, v8, rows, attrs, i, 4);
            if (objectness < minScore) {
                continue;
            }
            int best = -1;
            float bestScore = 0;
            for (int c = 0; c < classes; c++) {
                float s = at(v, v8, rows, attrs, i, first + c);
                if (s > bestScore) {
                    bestScore = s;
                    best = c;
                }
            }
            double score = objectness * bestScore;
            if (best < 0 || score < minScore) {
                continue;
            }
            float cx = at(v, v8, rows, attrs, i, 0);
            float cy = at(v, v8, rows, attrs, i, 1);
            float w = at(v, v8, rows, attrs, i, 2);
            float h = at(v, v8, rows, attrs, i, 3);
            Box inInput = new Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);
            found.add(new Detection(d.label(best), score, input.toSource(inInput)));
        }
        return found;
    }

    private static float at(float[] v, boolean v8, int rows, int attrs, int row, int attr) {
        return v8 ? v[attr * rows + row] : v[row * attrs + attr];
    }
}
