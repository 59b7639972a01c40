package dev.anonymizer.detection;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

import dev.anonymizer.detection.plan.ModelGeometry;
import dev.anonymizer.detection.plan.Pass;
import dev.anonymizer.detection.plan.SearchPlan;
import dev.anonymizer.detection.plan.SizeRange;
import dev.anonymizer.region.Box;
import dev.anonymizer.region.PixelRect;

/**
 * Runs a {@link SearchPlan}: each pass on its part of the image (a view, not a copy), mirrored where the pass says,
 * at its scale; every find mapped back to pixels of the whole image and kept only when its pass answers for its
 * height.
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

    /** Every find of every pass, in pixels of {@code image}. */
    static List<Detection> run(Detector det, Mat image, SearchPlan plan, double minScore) {
        List<Detection> found = new ArrayList<>();
        for (Pass pass : plan.passes()) {
            PixelRect a = pass.area();
            for (Detection d : runPass(det, image, pass, minScore)) {
                Box b = pass.mirrored() ? new Box(a.width() - d.box().x2(), d.box().y1(), a.width() - d.box().x1(),
                        d.box().y2()) : d.box();
                if (pass.answersFor(b.height())) {
                    found.add(new Detection(d.label(), d.score(), b.translate(a.x(), a.y())));
                }
            }
        }
        return found;
    }

    private static List<Detection> runPass(Detector det, Mat image, Pass pass, double minScore) {
        PixelRect a = pass.area();
        boolean whole = a.x() == 0 && a.y() == 0 && a.width() == image.cols() && a.height() == image.rows();
        if (whole && !pass.mirrored()) {
            return det.detect(image, pass.scale(), minScore);
        }
        try (Rect rect = new Rect(a.x(), a.y(), a.width(), a.height()); Mat view = new Mat(image, rect)) {
            if (!pass.mirrored()) {
                return det.detect(view, pass.scale(), minScore);
            }
            try (Mat mirrored = new Mat()) {
                opencv_core.flip(view, mirrored, 1);
                return det.detect(mirrored, pass.scale(), minScore);
            }
        }
    }
}
