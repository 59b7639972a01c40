package dev.anonymizer.imaging.jpeg;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.opencv.opencv_core.Mat;

import dev.anonymizer.imaging.IccProfile;
import dev.anonymizer.imaging.Orientation;
import dev.anonymizer.region.PixelRect;

/**
 * The block path: re-writes a sequential Huffman JPEG keeping every block's coefficients except those of the blocks
 * the censored rectangles reach, which are encoded anew from the censored pixels with the file's own quantisation
 * tables. The stored grid, sampling factors, scan structure and restart interval stay as they were; Huffman tables
 * are rebuilt optimal for the new contents. Throws {@link UnsupportedJpegException} for any file it cannot take.
 */
final class JpegBlockRewriter {

    /** Bits of precision this path handles. */
    static final int PRECISION = 8;
    private static final int ADOBE_RGB_OR_CMYK = 0;
    private static final int[] RGB_IDS = {'R', 'G', 'B'};

    /** The rewritten file and how many of its blocks were computed anew. */
    record Result(byte[] bytes, long blocksRewritten, long blocksTotal) {
    }

    private JpegBlockRewriter() {
    }

    /**
     * @param source          the file as stored, read (its scans' coefficients perhaps held)
     * @param censoredUpright the decoded upright pixels after censoring
     * @param censoredRects   upright rectangles outside which no pixel was changed
     * @param orientation     the file's orientation tag
     * @param icc             the profile to write, or null
     */
    static Result rewrite(JpegSource source, Mat censoredUpright, List<PixelRect> censoredRects,
            Orientation orientation, IccProfile icc) throws UnsupportedJpegException {
        ParsedJpeg parsed = source.parsed();
        checkSupported(parsed);
        FrameHeader frame = parsed.frame();
        if (censoredUpright.cols() != orientation.uprightWidth(frame.width(), frame.height())
                || censoredUpright.rows() != orientation.uprightHeight(frame.width(), frame.height())) {
            throw new UnsupportedJpegException(FallbackReason.ORIENTATION_MISMATCH, "decoded " + censoredUpright.cols()
                    + "x" + censoredUpright.rows() + " from a " + frame.width() + "x" + frame.height()
                    + " frame with orientation " + orientation.exifValue());
        }
        List<PixelRect> stored = new ArrayList<>();
        for (PixelRect r : censoredRects) {
            stored.add(orientation.uprightToStored(r, frame.width(), frame.height()));
        }
        BlockSelection selection = BlockSelection.of(frame, stored);
        try (PixelBlocks pixels = new PixelBlocks(censoredUpright, orientation, frame, parsed.componentQuant())) {
            Map<Long, short[]> replacements = encodeSelected(frame, selection, pixels);
            OrientationProbe probe = new OrientationProbe(frame, selection, parsed.componentQuant());
            List<OutputScan> scans = new ArrayList<>();
            for (ScanHeader s : parsed.scans()) {
                scans.add(new OutputScan(s.components(), s.restartInterval()));
            }
            int scanCount = parsed.scans().size();
            int[] calls = {0};
            BlockSource blocks = (index, visitor) -> {
                boolean probing = calls[0]++ < scanCount; // the first, counting pass
                source.scan(index, (c, bx, by, zz) -> {
                    if (selection.contains(c, bx, by)) {
                        System.arraycopy(replacements.get(key(c, bx, by)), 0, zz, 0, Zigzag.BLOCK_SIZE);
                    } else if (probing) {
                        probe.offer(c, bx, by, zz);
                    }
                    visitor.block(c, bx, by, zz);
                });
            };
            OutputMetadata metadata = new OutputMetadata(parsed.jfif() == null ? JfifDensity.SQUARE : parsed.jfif(),
                    orientation, icc);
            FrameHeader out = new FrameHeader(CodingProcess.BASELINE, PRECISION, frame.width(), frame.height(),
                    frame.components());
            byte[] bytes = JpegAssembler.assemble(out, parsed.componentQuant(), scans, blocks, metadata,
                    source.file().length);
            if (parsed.hasExif() || orientation != Orientation.TOP_LEFT) {
                // without an EXIF segment no decoder turns the image: the stored grid is the upright one
                probe.verify(censoredUpright, orientation);
            }
            return new Result(bytes, selection.count(), frame.totalBlocks());
        }
    }

    /** The new coefficients of every selected block, MCU by MCU (so each MCU's pixels are converted once). */
    private static Map<Long, short[]> encodeSelected(FrameHeader frame, BlockSelection selection, PixelBlocks pixels) {
        Map<Long, short[]> out = new HashMap<>();
        for (int my = 0; my < frame.mcusY(); my++) {
            for (int mx = 0; mx < frame.mcusX(); mx++) {
                if (!selection.touchesMcu(mx, my)) {
                    continue;
                }
                for (int c = 0; c < frame.components().size(); c++) {
                    FrameComponent fc = frame.components().get(c);
                    for (int dy = 0; dy < fc.v(); dy++) {
                        for (int dx = 0; dx < fc.h(); dx++) {
                            int bx = mx * fc.h() + dx;
                            int by = my * fc.v() + dy;
                            if (selection.contains(c, bx, by)) {
                                short[] zz = new short[Zigzag.BLOCK_SIZE];
                                pixels.encode(c, bx, by, zz);
                                out.put(key(c, bx, by), zz);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static long key(int c, int bx, int by) {
        return (long) c << 48 | (long) by << 24 | bx;
    }

    /** Throws unless this path reads the file exactly: sequential Huffman, 8-bit, greyscale or YCbCr. */
    static void checkSupported(ParsedJpeg parsed) throws UnsupportedJpegException {
        FrameHeader f = parsed.frame();
        switch (f.process()) {
            case PROGRESSIVE -> throw new UnsupportedJpegException(FallbackReason.PROGRESSIVE, "progressive JPEG");
            case ARITHMETIC -> throw new UnsupportedJpegException(FallbackReason.ARITHMETIC, "arithmetic-coded JPEG");
            case LOSSLESS, HIERARCHICAL -> throw new UnsupportedJpegException(FallbackReason.NOT_DCT,
                    f.process() + " JPEG");
            default -> {
                // sequential Huffman: read below
            }
        }
        if (f.precision() != PRECISION) {
            throw new UnsupportedJpegException(FallbackReason.PRECISION, f.precision() + "-bit samples");
        }
        checkColourModel(parsed);
        for (FrameComponent c : f.components()) {
            if (f.maxH() % c.h() != 0 || f.maxV() % c.v() != 0) {
                throw new UnsupportedJpegException(FallbackReason.SAMPLING, "component " + c.id() + " sampled "
                        + c.h() + "x" + c.v() + " against " + f.maxH() + "x" + f.maxV());
            }
        }
        int[] scansOf = new int[f.components().size()];
        for (ScanHeader s : parsed.scans()) {
            if (!s.isSequential()) {
                throw new UnsupportedJpegException(FallbackReason.UNREADABLE, "a sequential frame with a partial scan");
            }
            for (int c : s.components()) {
                scansOf[c]++;
            }
        }
        for (int n : scansOf) {
            if (n != 1) {
                throw new UnsupportedJpegException(FallbackReason.UNREADABLE, "a component coded in " + n + " scans");
            }
        }
    }

    /** Greyscale, or three components that decoders read as YCbCr (what the pixels are converted back into). */
    private static void checkColourModel(ParsedJpeg parsed) throws UnsupportedJpegException {
        List<FrameComponent> cs = parsed.frame().components();
        if (cs.size() == 1) {
            return;
        }
        if (cs.size() != 3) {
            throw new UnsupportedJpegException(FallbackReason.COLOUR_MODEL, cs.size() + " components");
        }
        if (parsed.adobeTransform() == ADOBE_RGB_OR_CMYK) {
            throw new UnsupportedJpegException(FallbackReason.COLOUR_MODEL, "RGB JPEG (Adobe transform 0)");
        }
        boolean rgbIds = true;
        for (int c = 0; c < RGB_IDS.length; c++) {
            rgbIds &= cs.get(c).id() == RGB_IDS[c];
        }
        if (rgbIds && parsed.jfif() == null && parsed.adobeTransform() < 0) {
            throw new UnsupportedJpegException(FallbackReason.COLOUR_MODEL, "RGB JPEG (components named R, G, B)");
        }
    }
}
