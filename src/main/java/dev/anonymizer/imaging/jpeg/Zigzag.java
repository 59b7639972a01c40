package dev.anonymizer.imaging.jpeg;

/** The zig-zag order in which a JPEG stores the 64 coefficients (and quantisation values) of an 8x8 block. */
final class Zigzag {

    /** Coefficients per block. */
    static final int BLOCK_SIZE = 64;

    /** {@code NATURAL[k]}: row-major index (row * 8 + column) of the k-th coefficient in zig-zag order. */
    static final int[] NATURAL = {
        0, 1, 8, 16, 9, 2, 3, 10,
        17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34,
        27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36,
        29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46,
        53, 60, 61, 54, 47, 55, 62, 63,
    };

    private Zigzag() {
    }

    /** Row-major index of zig-zag position {@code k}. */
    static int natural(int k) {
        return NATURAL[k];
    }
}
