package dev.anonymizer.imaging.jpeg;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;

import dev.anonymizer.imaging.IccProfile;
import dev.anonymizer.imaging.Orientation;

/**
 * The fallback: encodes the whole censored, upright image again, as a baseline JPEG with the source's own
 * quantisation tables and sampling factors (so the same quality as the input, not a fixed one) and optimal Huffman
 * tables. Written upright without an orientation tag, exactly as the pixels were censored.
 */
final class JpegReencoder {

    /** Most blocks one interleaved MCU may hold (ITU T.81 B.2.3). */
    private static final int MAX_BLOCKS_PER_MCU = 10;
    private static final int COLOUR = 3;
    /** First guess of the output size: a quarter byte per pixel (the buffer grows when it is more). */
    private static final int INITIAL_BYTES_PER_PIXEL_INVERSE = 4;

    private JpegReencoder() {
    }

    /** Re-encodes {@code upright}; the report counts every block as rewritten. */
    static JpegOutput reencode(ParsedJpeg source, Mat upright, IccProfile icc, FallbackReason reason)
            throws UnsupportedJpegException {
        FrameHeader src = source.frame();
        if (src.precision() != JpegBlockRewriter.PRECISION) {
            throw new UnsupportedJpegException(FallbackReason.PRECISION, src.precision() + "-bit samples");
        }
        int n = src.components().size() == 1 ? 1 : COLOUR;
        if (src.components().size() == 2) {
            throw new UnsupportedJpegException(FallbackReason.COLOUR_MODEL, "2 components");
        }
        List<FrameComponent> components = new ArrayList<>();
        List<int[]> quant = new ArrayList<>();
        boolean keepSampling = samplingUsable(src, n);
        for (int c = 0; c < n; c++) {
            FrameComponent fc = src.components().get(c);
            components.add(keepSampling ? new FrameComponent(c + 1, fc.h(), fc.v(), c) : new FrameComponent(c + 1, 1, 1, c));
            quant.add(source.componentQuant().get(c));
        }
        FrameHeader frame = new FrameHeader(CodingProcess.BASELINE, JpegBlockRewriter.PRECISION, upright.cols(),
                upright.rows(), components);
        int[] all = new int[n];
        for (int c = 0; c < n; c++) {
            all[c] = c;
        }
        OutputScan scan = new OutputScan(all, source.scans().get(0).restartInterval());
        OutputMetadata metadata = new OutputMetadata(source.jfif() == null ? JfifDensity.SQUARE : source.jfif(),
                Orientation.TOP_LEFT, icc);
        try (PixelBlocks pixels = new PixelBlocks(upright, Orientation.TOP_LEFT, frame, quant)) {
            ScanLayout layout = new ScanLayout(frame, all);
            short[] zz = new short[Zigzag.BLOCK_SIZE];
            BlockSource blocks = (index, visitor) -> {
                for (int mcu = 0; mcu < layout.mcuCount(); mcu++) {
                    for (int s = 0; s < layout.slots(); s++) {
                        int c = layout.component(s);
                        int bx = layout.blockX(mcu, s);
                        int by = layout.blockY(mcu, s);
                        pixels.encode(c, bx, by, zz);
                        visitor.block(c, bx, by, zz);
                    }
                }
            };
            byte[] bytes = JpegAssembler.assemble(frame, quant, List.of(scan), blocks, metadata,
                    upright.cols() * upright.rows() / INITIAL_BYTES_PER_PIXEL_INVERSE);
            long total = frame.totalBlocks();
            return new JpegOutput(bytes, new JpegReport(JpegPath.RE_ENCODED, total, total, reason,
                    QuantisationSource.SOURCE));
        }
    }

    /** The source's sampling factors, when they are whole ratios and fit one interleaved MCU. */
    private static boolean samplingUsable(FrameHeader src, int n) {
        if (n != src.components().size()) {
            return false;
        }
        int blocks = 0;
        for (FrameComponent c : src.components()) {
            if (src.maxH() % c.h() != 0 || src.maxV() % c.v() != 0) {
                return false;
            }
            blocks += c.h() * c.v();
        }
        return blocks <= MAX_BLOCKS_PER_MCU;
    }
}
