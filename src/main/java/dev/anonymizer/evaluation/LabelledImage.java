package dev.anonymizer.evaluation;

import java.nio.file.Path;
import java.util.List;

import dev.anonymizer.region.Box;

/** A photo with ground-truth boxes; regions under {@code ignore} count neither as hit nor miss. */
public record LabelledImage(Path file, List<Labelled> boxes, List<Box> ignore) {

    /** One ground-truth box. */
    public record Labelled(String label, Box box) {
    }
}
