package dev.anonymizer.imaging.jpeg;

import java.util.List;

/**
 * A frame header (SOFn): size, precision and components, with the geometry derived from them: the MCU grid of an
 * interleaved scan and each component's block grid (ITU T.81 A.1.1 and A.2).
 */
public record FrameHeader(CodingProcess process, int precision, int width, int height, List<FrameComponent> components) {

    /** Side of a DCT block. */
    static final int BLOCK = 8;

    public FrameHeader {
        components = List.copyOf(components);
    }

    public int maxH() {
        return components.stream().mapToInt(FrameComponent::h).max().orElse(1);
    }

    public int maxV() {
        return components.stream().mapToInt(FrameComponent::v).max().orElse(1);
    }

    /** Pixels across one MCU of an interleaved scan. */
    public int mcuWidth() {
        return BLOCK * maxH();
    }

    /** Pixels down one MCU of an interleaved scan. */
    public int mcuHeight() {
        return BLOCK * maxV();
    }

    public int mcusX() {
        return ceilDiv(width, mcuWidth());
    }

    public int mcusY() {
        return ceilDiv(height, mcuHeight());
    }

    /** Blocks across component {@code c} in the MCU grid (including the padding blocks of the last MCU column). */
    public int blocksX(int c) {
        return mcusX() * components.get(c).h();
    }

    /** Blocks down component {@code c} in the MCU grid. */
    public int blocksY(int c) {
        return mcusY() * components.get(c).v();
    }

    /** Blocks across component {@code c} that hold image samples (what a non-interleaved scan codes). */
    public int codedBlocksX(int c) {
        return ceilDiv(ceilDiv(width * components.get(c).h(), maxH()), BLOCK);
    }

    /** Blocks down component {@code c} that hold image samples. */
    public int codedBlocksY(int c) {
        return ceilDiv(ceilDiv(height * components.get(c).v(), maxV()), BLOCK);
    }

    /** Image pixels one sample of component {@code c} spans across (the horizontal subsampling ratio). */
    public int ratioX(int c) {
        return maxH() / components.get(c).h();
    }

    /** Image pixels one sample of component {@code c} spans down. */
    public int ratioY(int c) {
        return maxV() / components.get(c).v();
    }

    /** Blocks of all components in the MCU grid. */
    public long totalBlocks() {
        long n = 0;
        for (int c = 0; c < components.size(); c++) {
            n += (long) blocksX(c) * blocksY(c);
        }
        return n;
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
