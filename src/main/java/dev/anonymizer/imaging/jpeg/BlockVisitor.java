package dev.anonymizer.imaging.jpeg;

/** Receives a scan's blocks in coding order. */
@FunctionalInterface
interface BlockVisitor {

    /**
     * Block {@code (bx, by)} of frame component {@code component}: 64 quantised coefficients in zig-zag order. The
     * array is reused for the next block; a visitor may change it, and what it leaves there is what goes on.
     */
    void block(int component, int bx, int by, short[] zigzag) throws UnsupportedJpegException;
}
