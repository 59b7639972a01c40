package dev.anonymizer.detection.plan;

/**
 * What the planner needs to know of a model: whether its input size is free (any size, the plan chooses the scale)
 * or fixed ({@code fixedWidth x fixedHeight}, the image is fitted into it), and the object heights, in model-input
 * pixels, that it finds well ({@code goodSizes}, measured per model and stated in its descriptor).
 */
public record ModelGeometry(String model, boolean freeInput, int fixedWidth, int fixedHeight, SizeRange goodSizes) {

    public ModelGeometry {
        if (!freeInput && (fixedWidth <= 0 || fixedHeight <= 0)) {
            throw new IllegalArgumentException("model '" + model + "': a fixed input needs its size, got "
                    + fixedWidth + "x" + fixedHeight);
        }
        if (goodSizes.min() <= 0 || goodSizes.open()) {
            throw new IllegalArgumentException("model '" + model + "': expected a bounded good size range above 0, got "
                    + goodSizes);
        }
    }

    /** A model that takes any input size. */
    public static ModelGeometry free(String model, SizeRange goodSizes) {
        return new ModelGeometry(model, true, 0, 0, goodSizes);
    }

    /** A model with a fixed input of {@code width x height}. */
    public static ModelGeometry fixed(String model, int width, int height, SizeRange goodSizes) {
        return new ModelGeometry(model, false, width, height, goodSizes);
    }

    /** How many times larger the largest good object is than the smallest. */
    double span() {
        return goodSizes.max() / goodSizes.min();
    }
}
