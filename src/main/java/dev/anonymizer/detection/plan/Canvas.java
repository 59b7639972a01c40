package dev.anonymizer.detection.plan;

import java.util.List;

import dev.anonymizer.region.PixelRect;

/**
 * One model input that holds several closer looks side by side (an atlas): each {@link Slot} is a part of the image
 * drawn at its own scale at its place on the canvas, with gaps between slots so that nothing of one bleeds into a
 * find of another. {@code width x height} are model-input pixels; the model sees the canvas at scale 1.
 */
public record Canvas(int width, int height, List<Slot> slots) {

    public Canvas {
        slots = List.copyOf(slots);
    }

    /** A look's pass placed on a canvas: its image area, its scale, and where it lies (model-input pixels). */
    public record Slot(Pass pass, int x, int y, int width, int height) {

        /** True when the point (canvas pixels) lies inside this slot. */
        public boolean contains(double px, double py) {
            return px >= x && px < x + width && py >= y && py < y + height;
        }

        /** The image area this slot shows. */
        public PixelRect area() {
            return pass.area();
        }
    }

    /** Model-input pixels of this canvas. */
    public long inputPixels() {
        return (long) width * height;
    }
}
