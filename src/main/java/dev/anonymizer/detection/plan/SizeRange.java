package dev.anonymizer.detection.plan;

/**
 * A range of object heights in pixels, {@code [min, max]}; {@code max} may be {@link Double#POSITIVE_INFINITY}.
 */
public record SizeRange(double min, double max) {

    public SizeRange {
        if (!(min >= 0) || !(max >= min)) {
            throw new IllegalArgumentException("expected 0 <= min <= max, got [" + min + ", " + max + "]");
        }
    }

    /** Heights from {@code min} to {@code max}, or just {@code min} when {@code max} is smaller. */
    public static SizeRange between(double min, double max) {
        return new SizeRange(min, Math.max(min, max));
    }

    /** Heights from {@code min} up, without a limit. */
    public static SizeRange atLeast(double min) {
        return new SizeRange(min, Double.POSITIVE_INFINITY);
    }

    public boolean contains(double height) {
        return height >= min && height <= max;
    }

    /** True when {@code max} is unbounded. */
    public boolean open() {
        return Double.isInfinite(max);
    }

    @Override
    public String toString() {
        return open() ? String.format("%.0f px and up", min) : String.format("%.0f-%.0f px", min, max);
    }
}
