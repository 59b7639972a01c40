package dev.anonymizer.imaging.jpeg;

/**
 * One sequential scan's quantised coefficients as the file holds them, decoded once and handed out again in coding
 * order as often as asked: the block path visits every scan twice (once to count symbols for its Huffman tables,
 * once to write), and decoding the entropy-coded data is most of its time.
 */
final class DecodedScan {

    /** Heap bytes one held block takes: 64 coefficients of two bytes. */
    static final long BYTES_PER_BLOCK = (long) Zigzag.BLOCK_SIZE * Short.BYTES;

    private final ScanLayout layout;
    /** Every block of the scan in coding order, {@value Zigzag#BLOCK_SIZE} coefficients each (zig-zag order). */
    private final short[] coefficients;

    private DecodedScan(ScanLayout layout, short[] coefficients) {
        this.layout = layout;
        this.coefficients = coefficients;
    }

    /** Decodes {@code scan} of the file {@code file}; throws as {@link ScanDecoder} does for data it cannot read. */
    static DecodedScan decode(byte[] file, FrameHeader frame, ScanHeader scan) throws UnsupportedJpegException {
        ScanLayout layout = new ScanLayout(frame, scan.components());
        short[] all = new short[Math.multiplyExact(Math.multiplyExact(layout.mcuCount(), layout.slots()),
                Zigzag.BLOCK_SIZE)];
        int[] next = {0};
        ScanDecoder.decode(file, frame, scan, (c, bx, by, zz) -> {
            System.arraycopy(zz, 0, all, next[0], Zigzag.BLOCK_SIZE);
            next[0] += Zigzag.BLOCK_SIZE;
        });
        return new DecodedScan(layout, all);
    }

    /** Blocks a scan of {@code frame} over {@code components} holds, and so what {@link #decode} would keep. */
    static long blocks(FrameHeader frame, int[] components) {
        ScanLayout layout = new ScanLayout(frame, components);
        return (long) layout.mcuCount() * layout.slots();
    }

    /**
     * Hands every block, in coding order, to {@code visitor} as {@link ScanDecoder#decode} would: in a scratch array
     * the visitor may change without changing what is held.
     */
    void replay(BlockVisitor visitor) throws UnsupportedJpegException {
        short[] zz = new short[Zigzag.BLOCK_SIZE];
        int at = 0;
        for (int mcu = 0; mcu < layout.mcuCount(); mcu++) {
            for (int s = 0; s < layout.slots(); s++) {
                System.arraycopy(coefficients, at, zz, 0, Zigzag.BLOCK_SIZE);
                at += Zigzag.BLOCK_SIZE;
                visitor.block(layout.component(s), layout.blockX(mcu, s), layout.blockY(mcu, s), zz);
            }
        }
    }
}
