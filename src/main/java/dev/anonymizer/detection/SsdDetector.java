package dev.anonymizer.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bytedeco.opencv.opencv_core.Mat;

import dev.anonymizer.region.Box;

/**
 * SSD whose graph already decodes its anchors (face-api's SSD-MobileNetV1): a {@code boxes} output of
 * {@code [1, N, 4]} normalised corners in the order {@code params.boxOrder} (e.g. ymin, xmin, ymax, xmax) and a
 * {@code scores} output {@code [1, N]} of probabilities. Output names come from {@code params.boxes} and
 * {@code params.scores}.
 */
public final class SsdDetector extends SessionDetector {

    private final String boxesName;
    private final String scoresName;
    private final int[] corner = new int[4];

    @SuppressWarnings("unchecked")
    public SsdDetector(ModelSession session) {
        super(session);
        ModelDescriptor d = session.descriptor();
        this.boxesName = (String) d.paramOr("boxes", d.outputs().get(0).name());
        this.scoresName = (String) d.paramOr("scores", d.outputs().get(1).name());
        List<String> order = (List<String>) d.paramOr("boxOrder", List.of("ymin", "xmin", "ymax", "xmax"));
        List<String> names = List.of("xmin", "ymin", "xmax", "ymax");
        for (int i = 0; i < 4; i++) {
            corner[i] = order.indexOf(names.get(i));
            if (corner[i] < 0) {
                throw new ModelSetupException("model '" + d.id() + "': expected params.boxOrder naming xmin, ymin, "
                        + "xmax, ymax; got " + order);
            }
        }
    }

    @Override
    public List<Detection> detect(Mat bgr, double minScore) {
        ModelDescriptor d = session.descriptor();
        PreparedInput input = prepare(bgr);
        Map<String, OutputTensors.FloatOutput> out = session.infer(input, List.of(boxesName, scoresName));
        float[] boxes = out.get(boxesName).values();
        float[] scores = out.get(scoresName).values();
        List<Detection> found = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] < minScore) {
                continue;
            }
            int o = i * 4;
            double x1 = boxes[o + corner[0]] * input.inputWidth();
            double y1 = boxes[o + corner[1]] * input.inputHeight();
            double x2 = boxes[o + corner[2]] * input.inputWidth();
            double y2 = boxes[o + corner[3]] * input.inputHeight();
            if (x2 <= x1 || y2 <= y1) {
                continue;
            }
            found.add(new Detection(d.label(0), scores[i],
                    input.toSource(new Box(x1, y1, x2, y2)).clamp(bgr.cols(), bgr.rows())));
        }
        return found;
    }
}
