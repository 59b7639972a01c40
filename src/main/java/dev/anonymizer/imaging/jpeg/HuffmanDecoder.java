package dev.anonymizer.imaging.jpeg;

/**
 * Decodes symbols of one Huffman table from an {@link EntropyReader}: codes of up to {@value #LOOKUP_BITS} bits by
 * one table look-up, longer ones by the code-range search of ITU T.81 Annex F.2.2.3.
 */
final class HuffmanDecoder {

    /** Bits resolved by the look-up table; most codes in real photos are shorter. */
    static final int LOOKUP_BITS = 9;

    /** {@code lookup[next 9 bits]}: {@code length << 8 | symbol}, or 0 when the code is longer. */
    private final int[] lookup = new int[1 << LOOKUP_BITS];
    /** Largest code of each length, -1 when there is none. */
    private final int[] maxCode = new int[HuffmanTable.MAX_CODE_LENGTH + 2];
    /** Index into the symbols of the first code of each length, minus that code. */
    private final int[] offset = new int[HuffmanTable.MAX_CODE_LENGTH + 1];
    private final int[] symbols;

    HuffmanDecoder(HuffmanTable table) {
        symbols = table.symbols();
        int code = 0;
        int k = 0;
        for (int l = 1; l <= HuffmanTable.MAX_CODE_LENGTH; l++) {
            int n = table.count(l);
            offset[l] = k - code;
            for (int i = 0; i < n; i++) {
                if (l <= LOOKUP_BITS) {
                    int shift = LOOKUP_BITS - l;
                    int first = code << shift;
                    for (int j = 0; j < 1 << shift; j++) {
                        lookup[first + j] = l << 8 | symbols[k];
                    }
                }
                code++;
                k++;
            }
            maxCode[l] = n == 0 ? -1 : code - 1;
            code <<= 1;
        }
        maxCode[HuffmanTable.MAX_CODE_LENGTH + 1] = Integer.MAX_VALUE; // sentinel: never reached with a valid code
    }

    /** The next symbol; throws when the bits are no code of this table (damaged data). */
    int decode(EntropyReader in) throws UnsupportedJpegException {
        int peek = in.peek(HuffmanTable.MAX_CODE_LENGTH);
        int entry = lookup[peek >>> (HuffmanTable.MAX_CODE_LENGTH - LOOKUP_BITS)];
        if (entry != 0) {
            in.skip(entry >>> 8);
            return entry & 0xFF;
        }
        for (int l = LOOKUP_BITS + 1; l <= HuffmanTable.MAX_CODE_LENGTH; l++) {
            int code = peek >>> (HuffmanTable.MAX_CODE_LENGTH - l);
            if (maxCode[l] >= 0 && code <= maxCode[l]) {
                in.skip(l);
                return symbols[offset[l] + code];
            }
        }
        throw new UnsupportedJpegException(FallbackReason.UNREADABLE, "bits that are no Huffman code in the scan data");
    }
}
