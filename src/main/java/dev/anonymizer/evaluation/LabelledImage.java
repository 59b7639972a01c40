package dev.anonymizer.evaluation;

import java.nio.file.Path;
import java.util.List;

import dev.anonymizer.region.Box;

/** A photo with ground-truth boxes; regions under {@code ignore} count neither as hit nor miss. */
public record LabelledImage(Path file, List<Labelled> boxes, List<Box> ignore) {

    /**
     * One ground-truth box; {@code hard} when its labels say it is heavily blurred or heavily occluded (WIDER FACE's
     * {@code blur} or {@code occlusion} of 2), reported apart so a recall figure says what kind of faces it misses.
     */
    public record Labelled(String label, Box box, boolean hard) {

        public Labelled(String label, Box box) {
            this(label, box, false);
        }
    }
}
