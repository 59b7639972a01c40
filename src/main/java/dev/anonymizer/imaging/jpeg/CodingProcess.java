package dev.anonymizer.imaging.jpeg;

/** The coding process a JPEG frame header (SOFn marker) declares. Only the sequential Huffman ones are read here. */
enum CodingProcess {
    /** SOF0: baseline sequential, Huffman. */
    BASELINE,
    /** SOF1: extended sequential, Huffman (8-bit files use it for 16-bit quantisation tables). */
    EXTENDED_SEQUENTIAL,
    /** SOF2: progressive, Huffman. */
    PROGRESSIVE,
    /** SOF3: lossless, Huffman. */
    LOSSLESS,
    /** SOF5-7 and SOF13-15: hierarchical (differential) frames. */
    HIERARCHICAL,
    /** SOF9-11: arithmetic coding. */
    ARITHMETIC;

    /** The process of a SOFn marker's low nibble {@code n} (0..15, never 4, 8 or 12). */
    static CodingProcess ofSofIndex(int n) {
        return switch (n) {
            case 0 -> BASELINE;
            case 1 -> EXTENDED_SEQUENTIAL;
            case 2 -> PROGRESSIVE;
            case 3 -> LOSSLESS;
            case 5, 6, 7, 13, 14, 15 -> HIERARCHICAL;
            default -> ARITHMETIC;
        };
    }
}
