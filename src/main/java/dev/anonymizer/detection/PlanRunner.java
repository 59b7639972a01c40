package dev.anonymizer.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;

import dev.anonymizer.detection.plan.Canvas;
import dev.anonymizer.detection.plan.JointPlan;
import dev.anonymizer.detection.plan.ModelGeometry;
import dev.anonymizer.detection.plan.Pass;
import dev.anonymizer.detection.plan.SearchPlan;
import dev.anonymizer.detection.plan.SizeRange;
import dev.anonymizer.region.Box;
import dev.anonymizer.region.PixelRect;

/**
 * Runs a {@link SearchPlan}: each pass on its part of the image (a view, not a copy), mirrored where the pass says,
 * at its scale; every find mapped back to pixels of the whole image and kept only when its pass answers for its
 * height. A {@link JointPlan} runs its whole-image plan, then each {@link Canvas} as one model input holding its
 * looks side by side, then the look passes that run alone: each model input one task of an {@link InferencePool},
 * side by side where cores are idle, the finds in that order.
 */
final class PlanRunner {

    private PlanRunner() {
    }

    /** The plan's geometry facts of a detector's model, from its descriptor. */
    static ModelGeometry geometry(Detector det) {
        ModelDescriptor d = det.model();
        ModelDescriptor.Search search = d.search();
        if (search == null || search.objectSizes() == null) {
            throw new ModelSetupException("model '" + d.id() + "': expected search.objectSizes (min, max: the object "
                    + "heights in model-input pixels it finds well) in its descriptor, got none");
        }
        SizeRange good;
        try {
            good = new SizeRange(search.objectSizes().min(), search.objectSizes().max());
            return d.input().free() ? ModelGeometry.free(d.id(), good)
                    : ModelGeometry.fixed(d.id(), d.input().fixedWidth(), d.input().fixedHeight(), good);
        } catch (IllegalArgumentException e) {
            throw new ModelSetupException("model '" + d.id() + "': expected usable search.objectSizes, got "
                    + search.objectSizes() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every find of the joint plan (whole image, canvases, passes alone), in pixels of {@code image}, the canvases'
     * gaps filled with {@code padValue} and their slots drawn smaller by {@code shrink}; each model input (a pass or a
     * canvas) is one task of {@code pool}, the finds concatenated in plan order.
     */
    static List<Detection> run(Detector det, Mat image, JointPlan plan, double minScore, double padValue,
            ModelDescriptor.Shrink shrink, InferencePool pool) {
        return concat(pool.run(inputs(det, image, plan, minScore, padValue, shrink)));
    }

    /**
     * The joint plan's model inputs in plan order, each a task giving its finds in pixels of {@code image}, costed
     * at its input pixels times the detector's recent time per pixel.
     */
    static List<InferencePool.Task<List<Detection>>> inputs(Detector det, Mat image, JointPlan plan,
            double minScore) {
        ModelDescriptor.Input in = det.model().input();
        return inputs(det, image, plan, minScore, in.padValue() == null ? 0 : in.padValue(), in.shrinking());
    }

    private static List<InferencePool.Task<List<Detection>>> inputs(Detector det, Mat image, JointPlan plan,
            double minScore, double padValue, ModelDescriptor.Shrink shrink) {
        List<InferencePool.Task<List<Detection>>> inputs = new ArrayList<>();
        plan.whole().passes().forEach(p -> inputs.add(task(det, p.inputPixels(), () -> runPass(det, image, p, minScore))));
        plan.packed().forEach(c -> inputs.add(task(det, (long) c.width() * c.height(),
                () -> runCanvas(det, image, c, minScore, padValue, shrink))));
        plan.alone().forEach(p -> inputs.add(task(det, p.inputPixels(), () -> runPass(det, image, p, minScore))));
        return inputs;
    }

    /** Every find of every pass, in pixels of {@code image}, one task of {@code pool} per pass. */
    static List<Detection> run(Detector det, Mat image, SearchPlan plan, double minScore, InferencePool pool) {
        return concat(pool.run(inputs(det, image, plan, minScore)));
    }

    /** The plan's passes as tasks, in plan order, each giving its finds in pixels of {@code image}. */
    static List<InferencePool.Task<List<Detection>>> inputs(Detector det, Mat image, SearchPlan plan,
            double minScore) {
        List<InferencePool.Task<List<Detection>>> inputs = new ArrayList<>();
        plan.passes().forEach(p -> inputs.add(task(det, p.inputPixels(), () -> runPass(det, image, p, minScore))));
        return inputs;
    }

    /**
     * A model input's task, its cost the input pixels times the detector's recent nanoseconds per pixel (the pixels
     * alone while the detector has not run yet).
     */
    private static InferencePool.Task<List<Detection>> task(Detector det, long inputPixels,
            Supplier<List<Detection>> work) {
        double rate = det.nanosPerInputPixel();
        return new InferencePool.Task<>(work, inputPixels * (rate > 0 ? rate : 1));
    }

    private static List<Detection> concat(List<List<Detection>> parts) {
        List<Detection> found = new ArrayList<>();
        parts.forEach(found::addAll);
        return found;
    }

    /**
     * One inference over a canvas: each slot's image area drawn at its scale at its place (smaller by {@code shrink}),
     * the gaps left at the model's padding value {@code v}; each find belongs to the slot that holds its centre, is cut
     * to it, and mapped back.
     */
    static List<Detection> runCanvas(Detector det, Mat image, Canvas canvas, double minScore, double v,
            ModelDescriptor.Shrink shrink) {
        List<Detection> raw;
        try (Scalar fill = new Scalar(v, v, v, 0);
                Mat board = new Mat(canvas.height(), canvas.width(), opencv_core.CV_8UC3, fill)) {
            for (Canvas.Slot s : canvas.slots()) {
                PixelRect a = s.area();
                try (Rect from = new Rect(a.x(), a.y(), a.width(), a.height()); Mat view = new Mat(image, from);
                        Rect to = new Rect(s.x(), s.y(), s.width(), s.height()); Mat target = new Mat(board, to)) {
                    ModelInputResize.resize(view, target, s.width(), s.height(), shrink);
                }
            }
            raw = det.detect(board, 1.0, minScore);
        }
        List<Detection> found = new ArrayList<>();
        for (Detection d : raw) {
            Box b = d.box();
            for (Canvas.Slot s : canvas.slots()) {
                if (!s.contains(b.centerX(), b.centerY())) {
                    continue;
                }
                PixelRect a = s.area();
                double sx = (double) s.width() / a.width();
                double sy = (double) s.height() / a.height();
                Box inSlot = b.clamp(s.x() + s.width(), s.y() + s.height());
                Box mapped = new Box(Math.max(0, inSlot.x1() - s.x()) / sx, Math.max(0, inSlot.y1() - s.y()) / sy,
                        (inSlot.x2() - s.x()) / sx, (inSlot.y2() - s.y()) / sy);
                if (mapped.area() > 0 && s.pass().answersFor(mapped.height())) {
                    found.add(new Detection(d.label(), d.score(), mapped.translate(a.x(), a.y())));
                }
                break;
            }
        }
        return found;
    }

    /** One pass's finds that it answers for, in pixels of {@code image}. */
    private static List<Detection> runPass(Detector det, Mat image, Pass pass, double minScore) {
        return probePass(det, image, pass, minScore, 0).found();
    }

    /**
     * The probing passes' model inputs, each a task giving its finds (those it answers for) and its nominations
     * ({@link Detector#probe}), both in pixels of {@code image}.
     */
    static List<InferencePool.Task<Probed>> probeInputs(Detector det, Mat image, List<Pass> passes, double minScore,
            double nominateThreshold) {
        List<InferencePool.Task<Probed>> inputs = new ArrayList<>();
        for (Pass p : passes) {
            double rate = det.nanosPerInputPixel();
            inputs.add(new InferencePool.Task<>(() -> probePass(det, image, p, minScore, nominateThreshold),
                    p.inputPixels() * (rate > 0 ? rate : 1)));
        }
        return inputs;
    }

    private static Probed probePass(Detector det, Mat image, Pass pass, double minScore, double nominateThreshold) {
        PixelRect a = pass.area();
        Probed raw = inferPass(det, image, pass, minScore, nominateThreshold);
        List<Detection> found = new ArrayList<>();
        for (Detection d : raw.found()) {
            Box b = toArea(d.box(), pass);
            if (pass.answersFor(b.height())) {
                found.add(new Detection(d.label(), d.score(), b.translate(a.x(), a.y())));
            }
        }
        List<Box> nominated = raw.nominated().stream().map(b -> toArea(b, pass).translate(a.x(), a.y())).toList();
        return new Probed(found, nominated);
    }

    /** A box of the model's view of the pass's area in pixels of that area (a mirrored view mirrored back). */
    private static Box toArea(Box b, Pass pass) {
        int w = pass.area().width();
        return pass.mirrored() ? new Box(w - b.x2(), b.y1(), w - b.x1(), b.y2()) : b;
    }

    private static Probed inferPass(Detector det, Mat image, Pass pass, double minScore, double nominateThreshold) {
        PixelRect a = pass.area();
        boolean whole = a.x() == 0 && a.y() == 0 && a.width() == image.cols() && a.height() == image.rows();
        if (whole && !pass.mirrored()) {
            return det.probe(image, pass.scale(), minScore, nominateThreshold);
        }
        try (Rect rect = new Rect(a.x(), a.y(), a.width(), a.height()); Mat view = new Mat(image, rect)) {
            if (!pass.mirrored()) {
                return det.probe(view, pass.scale(), minScore, nominateThreshold);
            }
            try (Mat mirrored = new Mat()) {
                opencv_core.flip(view, mirrored, 1);
                return det.probe(mirrored, pass.scale(), minScore, nominateThreshold);
            }
        }
    }
}
