package dev.anonymizer.imaging.jpeg;

/**
 * Every block of a sequential JPEG as the file codes it, read with this package's own parser and decoder: what the
 * tests compare input and output by, coefficient for coefficient.
 */
final class Coefficients {

    final ParsedJpeg parsed;
    final FrameHeader frame;
    /** {@code blocks[c][by * blocksX(c) + bx]}: zig-zag coefficients, null for a block no scan coded. */
    final short[][][] blocks;

    private Coefficients(ParsedJpeg parsed) {
        this.parsed = parsed;
        this.frame = parsed.frame();
        this.blocks = new short[frame.components().size()][][];
        for (int c = 0; c < blocks.length; c++) {
            blocks[c] = new short[frame.blocksX(c) * frame.blocksY(c)][];
        }
    }

    static Coefficients read(byte[] jpeg) throws UnsupportedJpegException {
        Coefficients out = new Coefficients(JpegParser.parse(jpeg));
        for (ScanHeader scan : out.parsed.scans()) {
            ScanDecoder.decode(jpeg, out.frame, scan,
                    (c, bx, by, zz) -> out.blocks[c][by * out.frame.blocksX(c) + bx] = zz.clone());
        }
        return out;
    }

    short[] block(int c, int bx, int by) {
        return blocks[c][by * frame.blocksX(c) + bx];
    }

    /**
     * Component {@code c} decoded to samples (0..255, no upsampling) with the exact inverse DCT: for comparing the
     * coefficients against another decoder's pixels.
     */
    double[][] samples(int c) {
        int w = frame.blocksX(c) * 8;
        int h = frame.blocksY(c) * 8;
        double[][] out = new double[h][w];
        double[] coef = new double[64];
        double[] px = new double[64];
        int[] q = parsed.componentQuant().get(c);
        for (int by = 0; by < frame.blocksY(c); by++) {
            for (int bx = 0; bx < frame.blocksX(c); bx++) {
                short[] zz = block(c, bx, by);
                if (zz == null) {
                    continue;
                }
                BlockDct.dequantise(zz, q, coef);
                BlockDct.inverse(coef, px);
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        out[by * 8 + y][bx * 8 + x] = Math.max(0, Math.min(255, px[y * 8 + x] + 128));
                    }
                }
            }
        }
        return out;
    }
}
