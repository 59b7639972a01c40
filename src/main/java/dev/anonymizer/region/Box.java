package dev.anonymizer.region;

/**
 * An axis-aligned box in PIXELS of the decoded, orientation-corrected image: {@code x1,y1} is the top-left corner,
 * {@code x2,y2} the bottom-right (exclusive). Every geometric operation of the project works in this one space.
 */
public record Box(double x1, double y1, double x2, double y2) {

    public Box {
        if (!(x2 >= x1) || !(y2 >= y1)) {
            throw new IllegalArgumentException("box corners out of order: " + x1 + "," + y1 + " " + x2 + "," + y2);
        }
    }

    /** A box from its top-left corner and size. */
    public static Box ofSize(double x, double y, double width, double height) {
        return new Box(x, y, x + width, y + height);
    }

    public double width() {
        return x2 - x1;
    }

    public double height() {
        return y2 - y1;
    }

    public double area() {
        return width() * height();
    }

    public double centerX() {
        return (x1 + x2) / 2;
    }

    public double centerY() {
        return (y1 + y2) / 2;
    }

    /** Area shared with {@code other}; 0 when they do not overlap. */
    public double intersectionArea(Box other) {
        double w = Math.min(x2, other.x2) - Math.max(x1, other.x1);
        double h = Math.min(y2, other.y2) - Math.max(y1, other.y1);
        return w <= 0 || h <= 0 ? 0 : w * h;
    }

    /** Intersection over union, in [0, 1]. */
    public double iou(Box other) {
        double inter = intersectionArea(other);
        double union = area() + other.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** Share of this box's area that {@code other} covers, in [0, 1]. */
    public double coveredBy(Box other) {
        double a = area();
        return a <= 0 ? 0 : intersectionArea(other) / a;
    }

    /** The smallest box holding both. */
    public Box span(Box other) {
        return new Box(Math.min(x1, other.x1), Math.min(y1, other.y1), Math.max(x2, other.x2), Math.max(y2, other.y2));
    }

    /** Grown by {@code fracX} of its width on the left and on the right, {@code fracY} of its height above and below. */
    public Box pad(double fracX, double fracY) {
        double dx = width() * fracX;
        double dy = height() * fracY;
        return new Box(x1 - dx, y1 - dy, x2 + dx, y2 + dy);
    }

    /** Cut to the image {@code [0,width) x [0,height)}; may become empty (zero area). */
    public Box clamp(double width, double height) {
        double nx1 = Math.min(Math.max(x1, 0), width);
        double ny1 = Math.min(Math.max(y1, 0), height);
        double nx2 = Math.min(Math.max(x2, nx1), width);
        double ny2 = Math.min(Math.max(y2, ny1), height);
        return new Box(nx1, ny1, nx2, ny2);
    }

    /** Moved by {@code dx, dy}. */
    public Box translate(double dx, double dy) {
        return new Box(x1 + dx, y1 + dy, x2 + dx, y2 + dy);
    }

    /** Scaled about the origin (maps a box from a resized image back to the original). */
    public Box scale(double sx, double sy) {
        return new Box(x1 * sx, y1 * sy, x2 * sx, y2 * sy);
    }

    /** Whole-pixel box that contains this one: floor of the top-left, ceiling of the bottom-right. */
    public PixelRect toPixels() {
        int ix1 = (int) Math.floor(x1);
        int iy1 = (int) Math.floor(y1);
        int ix2 = (int) Math.ceil(x2);
        int iy2 = (int) Math.ceil(y2);
        return new PixelRect(ix1, iy1, ix2 - ix1, iy2 - iy1);
    }
}
