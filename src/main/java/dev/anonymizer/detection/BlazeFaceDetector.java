package dev.anonymizer.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bytedeco.opencv.opencv_core.Mat;

import dev.anonymizer.region.Box;

/**
 * MediaPipe BlazeFace (short-range back camera, full-range): SSD-style anchors on fixed grids, one score logit and
 * box offsets per anchor. Everything about the anchors and heads comes from the descriptor's {@code params}:
 * <ul>
 * <li>{@code anchors.layers[]}: {@code gridW, gridH, anchorsPerCell}; anchor centres at
 * {@code ((x + offsetX) / gridW, (y + offsetY) / gridH)}, cells row by row, a cell's anchors consecutive, size 1
 * ({@code fixedAnchorSize});</li>
 * <li>{@code heads[]}: for each layer the score output and the box output; a box row is
 * {@code dx, dy, w, h, keypoints...} in input pixels, divided by {@code coordScale};</li>
 * <li>{@code scoreClip}: logits are clipped to +-this, then a sigmoid gives the score.</li>
 * </ul>
 * Overlapping faces of one pass are merged with MediaPipe's weighted NMS (coordinates averaged by score).
 */
public final class BlazeFaceDetector extends SessionDetector {

    private final double nmsIou;
    private final List<Head> heads = new ArrayList<>();
    private final double coordScale;
    private final double scoreClip;
    private final int inputW;
    private final int inputH;
    private final java.util.Set<String> outputNames = new java.util.LinkedHashSet<>();

    private record Head(String scores, int scoreIndex, String boxes, int boxIndex, float[] anchorCx, float[] anchorCy) {
    }

    @SuppressWarnings("unchecked")
    public BlazeFaceDetector(ModelSession session, double nmsIou) {
        super(session);
        this.nmsIou = nmsIou;
        ModelDescriptor d = session.descriptor();
        this.coordScale = d.param("coordScale");
        this.scoreClip = d.param("scoreClip");
        this.inputW = d.input().fixedWidth();
        this.inputH = d.input().fixedHeight();
        Map<String, Object> anchors = (Map<String, Object>) d.paramOr("anchors", Map.of());
        List<Map<String, Object>> layers = (List<Map<String, Object>>) anchors.getOrDefault("layers", List.of());
        double offX = ((Number) anchors.getOrDefault("offsetX", 0.5)).doubleValue();
        double offY = ((Number) anchors.getOrDefault("offsetY", 0.5)).doubleValue();
        for (Map<String, Object> h : (List<Map<String, Object>>) d.paramOr("heads", List.of())) {
            Map<String, Object> layer = layers.get(((Number) h.get("layer")).intValue());
            int gw = ((Number) layer.get("gridW")).intValue();
            int gh = ((Number) layer.get("gridH")).intValue();
            int per = ((Number) layer.get("anchorsPerCell")).intValue();
            float[] cx = new float[gw * gh * per];
            float[] cy = new float[gw * gh * per];
            int i = 0;
            for (int y = 0; y < gh; y++) {
                for (int x = 0; x < gw; x++) {
                    for (int a = 0; a < per; a++) {
                        cx[i] = (float) ((x + offX) / gw);
                        cy[i] = (float) ((y + offY) / gh);
                        i++;
                    }
                }
            }
            heads.add(new Head((String) h.get("scores"), ((Number) h.get("scoreIndex")).intValue(),
                    (String) h.get("boxes"), ((Number) h.get("boxIndex")).intValue(), cx, cy));
        }
        heads.forEach(h -> {
            outputNames.add(h.scores());
            outputNames.add(h.boxes());
        });
        if (heads.isEmpty()) {
            throw new ModelSetupException("model '" + d.id() + "': expected params.heads and params.anchors.layers, got none");
        }
    }

    @Override
    public List<Detection> detect(Mat bgr, double minScore) {
        ModelDescriptor d = session.descriptor();
        PreparedInput input = prepare(bgr);
        List<Detection> candidates = new ArrayList<>();
        Map<String, OutputTensors.FloatOutput> outputs = session.infer(input, outputNames);
        for (Head head : heads) {
            OutputTensors.FloatOutput scores = outputs.get(head.scores());
            OutputTensors.FloatOutput boxes = outputs.get(head.boxes());
            int scoreStride = (int) scores.shape()[2];
            int boxStride = (int) boxes.shape()[2];
            for (int a = 0; a < head.anchorCx().length; a++) {
                float logit = scores.values()[a * scoreStride + head.scoreIndex()];
                double score = 1.0 / (1.0 + Math.exp(-Math.max(-scoreClip, Math.min(scoreClip, logit))));
                if (score < minScore) {
                    continue;
                }
                int o = a * boxStride + head.boxIndex();
                double cx = boxes.values()[o] / coordScale + head.anchorCx()[a];
                double cy = boxes.values()[o + 1] / coordScale + head.anchorCy()[a];
                double bw = boxes.values()[o + 2] / coordScale;
                double bh = boxes.values()[o + 3] / coordScale;
                if (bw <= 0 || bh <= 0) {
                    continue;
                }
                Box inInput = new Box((cx - bw / 2) * inputW, (cy - bh / 2) * inputH,
                        (cx + bw / 2) * inputW, (cy + bh / 2) * inputH);
                candidates.add(new Detection("face", score, input.toSource(inInput)));
            }
        }
        return weightedNms(candidates, nmsIou);
    }

    /** MediaPipe's weighted NMS: each kept face is the score-weighted mean of the boxes it absorbs. */
    static List<Detection> weightedNms(List<Detection> candidates, double iou) {
        List<Detection> remaining = new ArrayList<>(candidates);
        remaining.sort((a, b) -> Double.compare(b.score(), a.score()));
        List<Detection> kept = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Detection best = remaining.get(0);
            double sw = 0;
            double x1 = 0;
            double y1 = 0;
            double x2 = 0;
            double y2 = 0;
            List<Detection> rest = new ArrayList<>();
            for (Detection c : remaining) {
                if (c.box().iou(best.box()) > iou) {
                    sw += c.score();
                    x1 += c.box().x1() * c.score();
                    y1 += c.box().y1() * c.score();
                    x2 += c.box().x2() * c.score();
                    y2 += c.box().y2() * c.score();
                } else {
                    rest.add(c);
                }
            }
            kept.add(new Detection(best.label(), best.score(), new Box(x1 / sw, y1 / sw, x2 / sw, y2 / sw)));
            remaining = rest;
        }
        return kept;
    }
}
