package dev.anonymizer.imaging.jpeg;

/**
 * Where an output scan's blocks come from: the source file's decoded blocks (some replaced) or pixels. Each scan
 * is produced twice, once to count symbols and once to write, so a source must give the same blocks each time.
 */
@FunctionalInterface
interface BlockSource {

    /** Hands every block of output scan {@code index}, in coding order, to {@code visitor}. */
    void scan(int index, BlockVisitor visitor) throws UnsupportedJpegException;
}
