package dev.anonymizer.imaging;

import dev.anonymizer.region.PixelRect;

/**
 * The EXIF orientation (tag 0x0112): how the stored pixel grid must be turned to show the photo upright. Maps pixel
 * positions and rectangles between the two grids, so regions found on the upright image (what the decoder hands the
 * detectors) can be written back into the grid the file stores.
 */
public enum Orientation {
    /** 1: stored upright. */
    TOP_LEFT(1),
    /** 2: mirrored left to right. */
    TOP_RIGHT(2),
    /** 3: turned 180 degrees. */
    BOTTOM_RIGHT(3),
    /** 4: mirrored top to bottom. */
    BOTTOM_LEFT(4),
    /** 5: transposed (mirrored across the main diagonal). */
    LEFT_TOP(5),
    /** 6: shown upright after turning it 90 degrees clockwise (a phone held sideways). */
    RIGHT_TOP(6),
    /** 7: transversed (mirrored across the anti-diagonal). */
    RIGHT_BOTTOM(7),
    /** 8: shown upright after turning it 90 degrees counter-clockwise. */
    LEFT_BOTTOM(8);

    private final int exifValue;

    Orientation(int exifValue) {
        this.exifValue = exifValue;
    }

    /** The tag's value, 1 to 8. */
    public int exifValue() {
        return exifValue;
    }

    /** The orientation of an EXIF value; values outside 1..8 are treated as upright, as decoders do. */
    public static Orientation fromExif(int value) {
        for (Orientation o : values()) {
            if (o.exifValue == value) {
                return o;
            }
        }
        return TOP_LEFT;
    }

    /** Whether width and height trade places between the stored and the upright grid. */
    public boolean swapsAxes() {
        return exifValue >= LEFT_TOP.exifValue;
    }

    /** Upright width of a stored {@code storedWidth x storedHeight} grid. */
    public int uprightWidth(int storedWidth, int storedHeight) {
        return swapsAxes() ? storedHeight : storedWidth;
    }

    /** Upright height of a stored {@code storedWidth x storedHeight} grid. */
    public int uprightHeight(int storedWidth, int storedHeight) {
        return swapsAxes() ? storedWidth : storedHeight;
    }

    /** Upright column of the stored pixel {@code (xs, ys)} of a {@code w x h} stored grid. */
    public int uprightX(int xs, int ys, int w, int h) {
        return switch (this) {
            case TOP_LEFT, BOTTOM_LEFT -> xs;
            case TOP_RIGHT, BOTTOM_RIGHT -> w - 1 - xs;
            case LEFT_TOP, LEFT_BOTTOM -> ys;
            case RIGHT_TOP, RIGHT_BOTTOM -> h - 1 - ys;
        };
    }

    /** Upright row of the stored pixel {@code (xs, ys)} of a {@code w x h} stored grid. */
    public int uprightY(int xs, int ys, int w, int h) {
        return switch (this) {
            case TOP_LEFT, TOP_RIGHT -> ys;
            case BOTTOM_RIGHT, BOTTOM_LEFT -> h - 1 - ys;
            case LEFT_TOP, RIGHT_TOP -> xs;
            case RIGHT_BOTTOM, LEFT_BOTTOM -> w - 1 - xs;
        };
    }

    /**
     * The stored-grid rectangle covering the same pixels as the upright rectangle {@code r}, for a stored grid of
     * {@code w x h}. Exact: every orientation maps a rectangle onto a rectangle.
     */
    public PixelRect uprightToStored(PixelRect r, int w, int h) {
        if (r.isEmpty()) {
            return new PixelRect(0, 0, 0, 0);
        }
        int ux1 = r.x();
        int uy1 = r.y();
        int ux2 = r.x() + r.width() - 1;
        int uy2 = r.y() + r.height() - 1;
        int[] a = storedOf(ux1, uy1, w, h);
        int[] b = storedOf(ux2, uy2, w, h);
        int x = Math.min(a[0], b[0]);
        int y = Math.min(a[1], b[1]);
        return new PixelRect(x, y, Math.max(a[0], b[0]) - x + 1, Math.max(a[1], b[1]) - y + 1);
    }

    /** Stored position {x, y} of the upright pixel {@code (xu, yu)}, for a stored grid of {@code w x h}. */
    int[] storedOf(int xu, int yu, int w, int h) {
        return switch (this) {
            case TOP_LEFT -> new int[] {xu, yu};
            case TOP_RIGHT -> new int[] {w - 1 - xu, yu};
            case BOTTOM_RIGHT -> new int[] {w - 1 - xu, h - 1 - yu};
            case BOTTOM_LEFT -> new int[] {xu, h - 1 - yu};
            case LEFT_TOP -> new int[] {yu, xu};
            case RIGHT_TOP -> new int[] {yu, h - 1 - xu};
            case RIGHT_BOTTOM -> new int[] {w - 1 - yu, h - 1 - xu};
            case LEFT_BOTTOM -> new int[] {w - 1 - yu, xu};
        };
    }
}
