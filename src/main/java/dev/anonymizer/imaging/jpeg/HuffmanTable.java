package dev.anonymizer.imaging.jpeg;

/**
 * A Huffman table in the form a DHT segment carries it: how many codes there are of each length 1..16, and the
 * symbols in the order of their codes (ITU T.81 Annex C). Codes are canonical, so the counts and the symbol order
 * define them completely.
 */
final class HuffmanTable {

    /** Longest code a JPEG Huffman table may have. */
    static final int MAX_CODE_LENGTH = 16;
    /** Symbols are bytes. */
    static final int SYMBOLS = 256;

    private final int[] counts;
    private final int[] symbols;

    /**
     * @param counts  {@code counts[l - 1]}: number of codes of length {@code l}, for l = 1..16
     * @param symbols the symbols in code order; as many as the counts add up to
     */
    HuffmanTable(int[] counts, int[] symbols) throws UnsupportedJpegException {
        if (counts.length != MAX_CODE_LENGTH) {
            throw new IllegalArgumentException("a Huffman table has counts for 16 code lengths, got " + counts.length);
        }
        int total = 0;
        int code = 0;
        for (int l = 1; l <= MAX_CODE_LENGTH; l++) {
            code += counts[l - 1];
            total += counts[l - 1];
            if (counts[l - 1] < 0 || code > (1 << l)) {
                throw new UnsupportedJpegException(FallbackReason.UNREADABLE, "Huffman table with too many codes of length " + l);
            }
            code <<= 1;
        }
        if (total != symbols.length || total > SYMBOLS) {
            throw new UnsupportedJpegException(FallbackReason.UNREADABLE,
                    "Huffman table counts " + total + " codes for " + symbols.length + " symbols");
        }
        for (int s : symbols) {
            if (s < 0 || s >= SYMBOLS) {
                throw new UnsupportedJpegException(FallbackReason.UNREADABLE, "Huffman symbol out of range: " + s);
            }
        }
        this.counts = counts.clone();
        this.symbols = symbols.clone();
    }

    /** {@code counts()[l - 1]}: number of codes of length {@code l}. */
    int[] counts() {
        return counts.clone();
    }

    /** The symbols in code order. */
    int[] symbols() {
        return symbols.clone();
    }

    int count(int length) {
        return counts[length - 1];
    }

    int symbol(int index) {
        return symbols[index];
    }

    int size() {
        return symbols.length;
    }

    /**
     * The canonical codes (Annex C): {@code codes[0][s]} the code of symbol {@code s}, {@code codes[1][s]} its length
     * (0 when the table has no code for {@code s}).
     */
    int[][] codesBySymbol() {
        int[] code = new int[SYMBOLS];
        int[] length = new int[SYMBOLS];
        int next = 0;
        int k = 0;
        for (int l = 1; l <= MAX_CODE_LENGTH; l++) {
            for (int i = 0; i < counts[l - 1]; i++) {
                code[symbols[k]] = next++;
                length[symbols[k]] = l;
                k++;
            }
            next <<= 1;
        }
        return new int[][] {code, length};
    }
}
