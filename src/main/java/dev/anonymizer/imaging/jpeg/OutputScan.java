package dev.anonymizer.imaging.jpeg;

/**
 * A scan of the output: which frame components it codes (one = non-interleaved) and its restart interval.
 */
record OutputScan(int[] components, int restartInterval) {
}
