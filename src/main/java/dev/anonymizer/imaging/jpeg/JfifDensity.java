package dev.anonymizer.imaging.jpeg;

/**
 * The pixel density a JFIF APP0 segment declares (units 0 = aspect ratio only, 1 = dots per inch, 2 = per cm). It
 * says how large to print the pixels, nothing about who took them, so it is carried over.
 */
record JfifDensity(int units, int x, int y) {

    /** What a file without a JFIF segment is taken to mean: square pixels, no unit. */
    static final JfifDensity SQUARE = new JfifDensity(0, 1, 1);
}
