package dev.anonymizer.censor;

/**
 * How one region is censored.
 *
 * @param feather width of the soft edge as a fraction of the box's shorter side (0 = hard edge)
 */
public record CensorStyle(Method method, Shape shape, FillColour fillColour, double feather) {

    /** How a region is censored. */
    public enum Method {
        /** Irreversible blur: the region is reduced to a few samples, then smoothed (see README). */
        BLUR,
        /** Blocks whose size scales with the region. */
        PIXELATE,
        /** Solid colour. */
        FILL
    }

    /** Outline of the censored area inside a box. */
    public enum Shape {
        RECTANGLE,
        ELLIPSE
    }

    /** Colour of {@link Method#FILL}. */
    public enum FillColour {
        BLACK,
        GREY
    }
}
