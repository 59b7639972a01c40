package dev.anonymizer.imaging.jpeg;

/**
 * Writes Huffman-coded bits into a {@link ByteSink}: most significant bit first, a zero byte stuffed after every
 * 0xFF, and the last byte padded with one-bits before a marker (ITU T.81 F.1.2.3 and B.1.1.5).
 */
final class EntropyWriter {

    private static final int BYTE = 8;

    private final ByteSink out;
    private long acc;
    private int bits;

    EntropyWriter(ByteSink out) {
        this.out = out;
    }

    /** Writes the low {@code length} (0..16) bits of {@code value}. */
    void write(int value, int length) {
        acc = acc << length | (value & ((1L << length) - 1));
        bits += length;
        while (bits >= BYTE) {
            int b = (int) (acc >>> (bits - BYTE)) & 0xFF;
            out.write(b);
            if (b == 0xFF) {
                out.write(0x00);
            }
            bits -= BYTE;
        }
    }

    /** Pads the last byte with one-bits. */
    void flush() {
        if (bits > 0) {
            write((1 << (BYTE - bits)) - 1, BYTE - bits);
        }
        acc = 0;
    }

    /** Pads, then writes the marker {@code 0xFF, code} (a restart marker). */
    void marker(int code) {
        flush();
        out.write(0xFF);
        out.write(code);
    }
}
