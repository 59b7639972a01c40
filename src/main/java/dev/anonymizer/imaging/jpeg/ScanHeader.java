package dev.anonymizer.imaging.jpeg;

/**
 * One scan (SOS) and what it needs to be decoded: its components (indices into the frame's), the Huffman tables
 * in force for each of them when it started, the restart interval, and where its entropy-coded data lies.
 *
 * @param components      frame component indices, in scan order
 * @param dcTables        per scan component: its DC table (null when the file defines none, e.g. arithmetic coding)
 * @param acTables        per scan component: its AC table (likewise)
 * @param spectralStart   Ss: 0 for sequential scans
 * @param spectralEnd     Se: 63 for sequential scans
 * @param approximation   Ah << 4 | Al: 0 for sequential scans
 * @param restartInterval MCUs between restart markers; 0 = none
 * @param dataStart       offset of the first entropy-coded byte in the file
 * @param dataEnd         offset of the marker that ends the entropy-coded data
 */
record ScanHeader(int[] components, HuffmanTable[] dcTables, HuffmanTable[] acTables, int spectralStart,
        int spectralEnd, int approximation, int restartInterval, int dataStart, int dataEnd) {

    /** The whole spectrum at full precision, as baseline and extended sequential scans carry it. */
    boolean isSequential() {
        return spectralStart == 0 && spectralEnd == Zigzag.BLOCK_SIZE - 1 && approximation == 0;
    }
}
