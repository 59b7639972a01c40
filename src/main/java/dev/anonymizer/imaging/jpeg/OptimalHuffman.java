package dev.anonymizer.imaging.jpeg;

/**
 * Builds the Huffman table that codes given symbol frequencies in the fewest bits, with codes of at most 16 bits and
 * no code of all ones (ITU T.81 Annex K.2, the procedure libjpeg's {@code jpeg_gen_optimal_table} follows).
 */
final class OptimalHuffman {

    /** Index of the reserved pseudo-symbol that keeps the all-ones code unused. */
    private static final int RESERVED = HuffmanTable.SYMBOLS;

    private OptimalHuffman() {
    }

    /**
     * The optimal table for {@code frequencies} (one count per symbol 0..255). Symbols never seen get no code; at
     * least one symbol must have been seen.
     */
    static HuffmanTable build(long[] frequencies) {
        long[] freq = new long[RESERVED + 1];
        System.arraycopy(frequencies, 0, freq, 0, HuffmanTable.SYMBOLS);
        freq[RESERVED] = 1;
        int[] codeSize = new int[RESERVED + 1];
        int[] others = new int[RESERVED + 1];
        java.util.Arrays.fill(others, -1);
        while (true) {
            int c1 = -1;
            long v = Long.MAX_VALUE;
            for (int i = 0; i <= RESERVED; i++) {
                if (freq[i] > 0 && freq[i] <= v) { // ties: the larger symbol, as in Annex K
                    v = freq[i];
                    c1 = i;
                }
            }
            int c2 = -1;
            v = Long.MAX_VALUE;
            for (int i = 0; i <= RESERVED; i++) {
                if (freq[i] > 0 && freq[i] <= v && i != c1) {
                    v = freq[i];
                    c2 = i;
                }
            }
            if (c2 < 0) {
                break;
            }
            freq[c1] += freq[c2];
            freq[c2] = 0;
            codeSize[c1]++;
            while (others[c1] >= 0) {
                c1 = others[c1];
                codeSize[c1]++;
            }
            others[c1] = c2;
            codeSize[c2]++;
            while (others[c2] >= 0) {
                c2 = others[c2];
                codeSize[c2]++;
            }
        }
        int longest = 0;
        for (int s : codeSize) {
            longest = Math.max(longest, s);
        }
        int[] bits = new int[Math.max(longest, HuffmanTable.MAX_CODE_LENGTH) + 1];
        for (int s : codeSize) {
            if (s > 0) {
                bits[s]++;
            }
        }
        // Annex K.3: move pairs of too-long codes up until none is longer than 16 bits
        for (int i = longest; i > HuffmanTable.MAX_CODE_LENGTH; i--) {
            while (bits[i] > 0) {
                int j = i - 2;
                while (bits[j] == 0) {
                    j--;
                }
                bits[i] -= 2;
                bits[i - 1]++;
                bits[j + 1] += 2;
                bits[j]--;
            }
        }
        int i = HuffmanTable.MAX_CODE_LENGTH;
        while (bits[i] == 0) {
            i--;
        }
        bits[i]--; // the reserved pseudo-symbol had the longest code: drop it
        int[] counts = new int[HuffmanTable.MAX_CODE_LENGTH];
        System.arraycopy(bits, 1, counts, 0, HuffmanTable.MAX_CODE_LENGTH);
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        int[] symbols = new int[total];
        int k = 0;
        for (int len = 1; len <= longest; len++) {
            for (int s = 0; s < HuffmanTable.SYMBOLS; s++) {
                if (codeSize[s] == len) {
                    symbols[k++] = s;
                }
            }
        }
        try {
            return new HuffmanTable(counts, symbols);
        } catch (UnsupportedJpegException e) {
            throw new IllegalStateException("built an invalid Huffman table", e);
        }
    }
}
