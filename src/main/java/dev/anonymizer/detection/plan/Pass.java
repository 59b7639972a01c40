package dev.anonymizer.detection.plan;

import dev.anonymizer.region.PixelRect;

/**
 * One inference of a plan: the part of the image it looks at ({@code area}, image pixels), the scale at which the
 * model sees it, whether it sees the mirror image, and the object heights in image pixels it answers for: a find
 * taller than {@code answers.max()} is dropped, since at this scale it lies above the model's good range (large
 * "faces" in an enlarged pass are textures) and a coarser pass judges it.
 *
 * @param inputPixels model-input pixels of this inference
 */
public record Pass(PixelRect area, double scale, boolean mirrored, SizeRange answers, long inputPixels) {

    /** True when this pass keeps a find of {@code height} image pixels. */
    public boolean answersFor(double height) {
        return height <= answers.max();
    }
}
