package dev.anonymizer.imaging.jpeg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a complete sequential JPEG from a frame, its quantisation tables and a {@link BlockSource}, with optimal
 * Huffman tables: each scan's blocks are first counted, then written with tables built from the counts (so a
 * rewritten block never needs a code the source's tables lacked, and the file usually shrinks).
 */
final class JpegAssembler {

    private JpegAssembler() {
    }

    static byte[] assemble(FrameHeader frame, List<int[]> componentQuant, List<OutputScan> scans, BlockSource source,
            OutputMetadata metadata, int capacity) throws UnsupportedJpegException {
        int n = frame.components().size();
        List<HuffmanTable[]> dcTables = new ArrayList<>();
        List<HuffmanTable[]> acTables = new ArrayList<>();
        for (int i = 0; i < scans.size(); i++) {
            OutputScan scan = scans.get(i);
            ScanLayout layout = new ScanLayout(frame, scan.components());
            ScanEncoder counter = ScanEncoder.counting(layout, n, tableSlots(scan), scan.restartInterval());
            source.scan(i, counter);
            HuffmanTable[] dc = new HuffmanTable[JpegWriter.HUFFMAN_SLOTS];
            HuffmanTable[] ac = new HuffmanTable[JpegWriter.HUFFMAN_SLOTS];
            for (int t : tableSlots(scan)) {
                if (dc[t] == null) {
                    dc[t] = OptimalHuffman.build(counter.dcFrequencies(t));
                    ac[t] = OptimalHuffman.build(counter.acFrequencies(t)); // every block codes at least one AC symbol
                }
            }
            dcTables.add(dc);
            acTables.add(ac);
        }

        List<int[]> distinct = new ArrayList<>();
        int[] quantSlot = new int[n];
        for (int c = 0; c < n; c++) {
            int found = -1;
            for (int s = 0; s < distinct.size(); s++) {
                if (Arrays.equals(distinct.get(s), componentQuant.get(c))) {
                    found = s;
                }
            }
            if (found < 0) {
                distinct.add(componentQuant.get(c));
                found = distinct.size() - 1;
            }
            quantSlot[c] = found;
        }

        JpegWriter w = new JpegWriter(capacity);
        w.startOfImage();
        w.jfif(metadata.density());
        if (metadata.orientation() != null && metadata.orientation().exifValue() != 1) {
            w.exifOrientation(metadata.orientation());
        }
        if (metadata.icc() != null) {
            w.icc(metadata.icc());
        }
        w.quantTables(distinct);
        w.frame(frame, quantSlot, JpegWriter.needsExtended(distinct));
        int interval = 0;
        for (int i = 0; i < scans.size(); i++) {
            OutputScan scan = scans.get(i);
            w.huffmanTables(dcTables.get(i), acTables.get(i));
            if (scan.restartInterval() != interval) {
                w.restartInterval(scan.restartInterval());
                interval = scan.restartInterval();
            }
            w.scanHeader(scan.components(), tableSlots(scan));
            ScanLayout layout = new ScanLayout(frame, scan.components());
            ScanEncoder writer = ScanEncoder.writing(layout, n, tableSlots(scan), scan.restartInterval(),
                    dcTables.get(i), acTables.get(i), w.entropy());
            source.scan(i, writer);
            writer.finish();
        }
        w.endOfImage();
        return w.toByteArray();
    }

    /** Luma (or grey, component 0) codes with slot 0, chroma with slot 1. */
    private static int[] tableSlots(OutputScan scan) {
        int[] slots = new int[scan.components().length];
        for (int k = 0; k < slots.length; k++) {
            slots[k] = scan.components()[k] == 0 ? 0 : 1;
        }
        return slots;
    }
}
