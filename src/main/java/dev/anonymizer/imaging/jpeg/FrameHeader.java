package dev.anonymizer.imaging.jpeg;

import java.util.List;

/**
 * A frame header (SOFn): size, precision and components, with the geometry derived from them: the MCU grid of an
 * interleaved scan and each component's block grid (ITU T.81 A.1.1 and A.2). A class rather than a record so the
 * derived sizes, asked for every block, are computed once.
 */
final class FrameHeader {

    /** Side of a DCT block. */
    static final int BLOCK = 8;

    private final CodingProcess process;
    private final int precision;
    private final int width;
    private final int height;
    private final List<FrameComponent> components;
    private final int maxH;
    private final int maxV;
    private final int mcusX;
    private final int mcusY;

    FrameHeader(CodingProcess process, int precision, int width, int height, List<FrameComponent> components) {
        this.process = process;
        this.precision = precision;
        this.width = width;
        this.height = height;
        this.components = List.copyOf(components);
        this.maxH = this.components.stream().mapToInt(FrameComponent::h).max().orElse(1);
        this.maxV = this.components.stream().mapToInt(FrameComponent::v).max().orElse(1);
        this.mcusX = ceilDiv(width, BLOCK * maxH);
        this.mcusY = ceilDiv(height, BLOCK * maxV);
    }

    CodingProcess process() {
        return process;
    }

    /** Bits per sample. */
    int precision() {
        return precision;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    List<FrameComponent> components() {
        return components;
    }

    int maxH() {
        return maxH;
    }

    int maxV() {
        return maxV;
    }

    /** Pixels across one MCU of an interleaved scan. */
    int mcuWidth() {
        return BLOCK * maxH;
    }

    /** Pixels down one MCU of an interleaved scan. */
    int mcuHeight() {
        return BLOCK * maxV;
    }

    int mcusX() {
        return mcusX;
    }

    int mcusY() {
        return mcusY;
    }

    /** Blocks across component {@code c} in the MCU grid (including the padding blocks of the last MCU column). */
    int blocksX(int c) {
        return mcusX * components.get(c).h();
    }

    /** Blocks down component {@code c} in the MCU grid. */
    int blocksY(int c) {
        return mcusY * components.get(c).v();
    }

    /** Blocks across component {@code c} that hold image samples (what a non-interleaved scan codes). */
    int codedBlocksX(int c) {
        return ceilDiv(ceilDiv(width * components.get(c).h(), maxH), BLOCK);
    }

    /** Blocks down component {@code c} that hold image samples. */
    int codedBlocksY(int c) {
        return ceilDiv(ceilDiv(height * components.get(c).v(), maxV), BLOCK);
    }

    /** Image pixels one sample of component {@code c} spans across (the horizontal subsampling ratio). */
    int ratioX(int c) {
        return maxH / components.get(c).h();
    }

    /** Image pixels one sample of component {@code c} spans down. */
    int ratioY(int c) {
        return maxV / components.get(c).v();
    }

    /** Blocks of all components in the MCU grid. */
    long totalBlocks() {
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
