package dev.anonymizer.imaging.jpeg;

/**
 * Huffman-codes the blocks of one scan (ITU T.81 F.1.2), in two roles sharing one walk over the blocks: counting
 * which symbols each table would code (to build optimal tables), then writing them with those tables, restart
 * markers included. Blocks must arrive in the scan's coding order ({@link ScanLayout}).
 */
final class ScanEncoder implements BlockVisitor {

    private final ScanLayout layout;
    private final int[] scanComponentOfFrameComponent;
    private final int[] tableOf;
    private final int restartInterval;
    private final int[] predictor;
    /** Counting role: symbol frequencies per table slot; null when writing. */
    private final long[][] dcFrequencies;
    private final long[][] acFrequencies;
    /** Writing role: codes per table slot; null when counting. */
    private final int[][][] dcCodes;
    private final int[][][] acCodes;
    private final EntropyWriter writer;
    private int slot;
    private int mcu;
    private int restarts;

    private ScanEncoder(ScanLayout layout, int frameComponents, int[] tableOf, int restartInterval,
            HuffmanTable[] dc, HuffmanTable[] ac, EntropyWriter writer) {
        this.layout = layout;
        this.tableOf = tableOf.clone();
        this.restartInterval = restartInterval;
        int[] components = layout.components();
        this.predictor = new int[components.length];
        this.scanComponentOfFrameComponent = new int[frameComponents];
        for (int k = 0; k < components.length; k++) {
            scanComponentOfFrameComponent[components[k]] = k;
        }
        this.writer = writer;
        if (writer == null) {
            dcFrequencies = new long[JpegWriter.HUFFMAN_SLOTS][HuffmanTable.SYMBOLS];
            acFrequencies = new long[JpegWriter.HUFFMAN_SLOTS][HuffmanTable.SYMBOLS];
            dcCodes = null;
            acCodes = null;
        } else {
            dcFrequencies = null;
            acFrequencies = null;
            dcCodes = new int[JpegWriter.HUFFMAN_SLOTS][][];
            acCodes = new int[JpegWriter.HUFFMAN_SLOTS][][];
            for (int t = 0; t < JpegWriter.HUFFMAN_SLOTS; t++) {
                dcCodes[t] = dc[t] == null ? null : dc[t].codesBySymbol();
                acCodes[t] = ac[t] == null ? null : ac[t].codesBySymbol();
            }
        }
    }

    /**
     * Counts symbols for a scan of {@code layout}'s components.
     *
     * @param tableOf per scan component: the output Huffman table slot it uses
     */
    static ScanEncoder counting(ScanLayout layout, int frameComponents, int[] tableOf, int restartInterval) {
        return new ScanEncoder(layout, frameComponents, tableOf, restartInterval, null, null, null);
    }

    /** Writes a scan with the given tables (indexed by slot) into {@code writer}. */
    static ScanEncoder writing(ScanLayout layout, int frameComponents, int[] tableOf, int restartInterval,
            HuffmanTable[] dc, HuffmanTable[] ac, EntropyWriter writer) {
        return new ScanEncoder(layout, frameComponents, tableOf, restartInterval, dc, ac, writer);
    }

    /** Counting role: the symbol frequencies seen for DC table slot {@code t}. */
    long[] dcFrequencies(int t) {
        return dcFrequencies[t];
    }

    long[] acFrequencies(int t) {
        return acFrequencies[t];
    }

    @Override
    public void block(int component, int bx, int by, short[] zz) throws UnsupportedJpegException {
        if (slot == 0 && restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0) {
            java.util.Arrays.fill(predictor, 0);
            if (writer != null) {
                writer.marker(JpegParser.RST0 + (restarts & (JpegParser.RST7 - JpegParser.RST0)));
            }
            restarts++;
        }
        int k = scanComponentOfFrameComponent[component];
        int t = tableOf[k];
        int diff = zz[0] - predictor[k];
        predictor[k] = zz[0];
        int s = category(diff);
        if (s > ScanDecoder.MAX_DC_CATEGORY) {
            throw new UnsupportedJpegException(FallbackReason.UNREADABLE, "DC difference too large for 8-bit JPEG");
        }
        emit(dcFrequencies, dcCodes, t, s);
        extra(diff, s);
        int run = 0;
        for (int i = 1; i < Zigzag.BLOCK_SIZE; i++) {
            int v = zz[i];
            if (v == 0) {
                run++;
                continue;
            }
            while (run >= ScanDecoder.ZRL_RUN) {
                emit(acFrequencies, acCodes, t, ScanDecoder.ZRL);
                run -= ScanDecoder.ZRL_RUN;
            }
            int size = category(v);
            if (size > ScanDecoder.MAX_AC_CATEGORY) {
                throw new UnsupportedJpegException(FallbackReason.UNREADABLE, "AC coefficient too large for 8-bit JPEG");
            }
            emit(acFrequencies, acCodes, t, run << 4 | size);
            extra(v, size);
            run = 0;
        }
        if (run > 0) {
            emit(acFrequencies, acCodes, t, ScanDecoder.EOB);
        }
        if (++slot == layout.slots()) {
            slot = 0;
            mcu++;
        }
    }

    /** Ends the scan: pads the last byte. */
    void finish() {
        if (writer != null) {
            writer.flush();
        }
    }

    private void emit(long[][] frequencies, int[][][] codes, int table, int symbol) throws UnsupportedJpegException {
        if (writer == null) {
            frequencies[table][symbol]++;
            return;
        }
        int[][] c = codes[table];
        if (c == null || c[1][symbol] == 0) {
            throw new IllegalStateException("no Huffman code for symbol " + symbol + " in table " + table);
        }
        writer.write(c[0][symbol], c[1][symbol]);
    }

    private void extra(int value, int size) {
        if (writer != null && size > 0) {
            // negative values are written as value - 1 in size bits (ones' complement of |value|)
            writer.write(value < 0 ? value - 1 : value, size);
        }
    }

    /** Bits needed for |v| (the size category of ITU T.81 F.1.2.1). */
    static int category(int v) {
        return v == 0 ? 0 : 32 - Integer.numberOfLeadingZeros(Math.abs(v));
    }
}
