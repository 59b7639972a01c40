package dev.anonymizer.imaging.jpeg;

import java.util.PriorityQueue;

/**
 * Checks that the decoded pixels the censor step worked on lie in the stored grid where the orientation says they
 * do, before any censored block is written back by that mapping: if the decoder had read the orientation
 * differently from the header (or turned the image where the tag says nothing), censored blocks would land beside
 * the faces. It keeps the most textured luma blocks outside the censored area as the file codes them, encodes the
 * same blocks again from the pixels, and compares. The right mapping agrees up to rounding; a wrong one does not.
 */
final class OrientationProbe {

    /** Blocks compared: enough texture to tell any of the eight orientations apart, cheap to encode. */
    static final int SAMPLES = 32;
    /**
     * Largest share of the blocks' AC magnitude the re-encoded blocks may differ by. The right mapping differs only
     * by the decoder's rounding (measured 0.000 to 0.004 on the test photos); any other orientation differed by 1.15
     * to 1.63 of the magnitude.
     */
    static final double MAX_RELATIVE_DIFFERENCE = 0.25;
    /**
     * Least AC magnitude (de-quantised, summed over the sampled blocks) that makes the comparison meaningful; a flat
     * image cannot show where its pixels went, and is re-encoded upright instead.
     */
    static final double MIN_MAGNITUDE = 200;

    private record Sample(double magnitude, int bx, int by, short[] zigzag) {
    }

    private final FrameHeader frame;
    private final BlockSelection censored;
    private final int[] quant;
    private final PriorityQueue<Sample> best = new PriorityQueue<>((a, b) -> Double.compare(a.magnitude, b.magnitude));

    OrientationProbe(FrameHeader frame, BlockSelection censored, int[] lumaQuant) {
        this.frame = frame;
        this.censored = censored;
        this.quant = lumaQuant;
    }

    /** Offers a block as the file codes it; kept when it is among the most textured so far. */
    void offer(int c, int bx, int by, short[] zz) {
        if (c != 0 || censored.contains(c, bx, by) || !inside(bx, by)) {
            return;
        }
        double magnitude = acMagnitude(zz);
        if (best.size() < SAMPLES) {
            best.add(new Sample(magnitude, bx, by, zz.clone()));
        } else if (magnitude > best.peek().magnitude()) {
            best.poll();
            best.add(new Sample(magnitude, bx, by, zz.clone()));
        }
    }

    /** Throws ORIENTATION_MISMATCH unless {@code pixels} re-encode the sampled blocks as the file has them. */
    void verify(PixelBlocks pixels) throws UnsupportedJpegException {
        double[] m = compare(pixels);
        if (m[0] < MIN_MAGNITUDE) {
            throw new UnsupportedJpegException(FallbackReason.ORIENTATION_MISMATCH,
                    "too little texture outside the censored area to check where the pixels lie");
        }
        if (m[1] > MAX_RELATIVE_DIFFERENCE * m[0]) {
            throw new UnsupportedJpegException(FallbackReason.ORIENTATION_MISMATCH, String.format(
                    "decoded pixels differ from the file's blocks by %.2f of their magnitude", m[1] / m[0]));
        }
    }

    /** The difference {@link #verify} judges, as a share of the sampled blocks' AC magnitude. */
    double relativeDifference(PixelBlocks pixels) {
        double[] m = compare(pixels);
        return m[1] / m[0];
    }

    /** {AC magnitude of the sampled blocks, summed difference to the same blocks encoded from the pixels}. */
    private double[] compare(PixelBlocks pixels) {
        double magnitude = 0;
        double difference = 0;
        short[] again = new short[Zigzag.BLOCK_SIZE];
        for (Sample s : best) {
            pixels.encode(0, s.bx(), s.by(), again);
            magnitude += s.magnitude();
            for (int k = 0; k < Zigzag.BLOCK_SIZE; k++) {
                difference += Math.abs(again[k] - s.zigzag()[k]) * (double) quant[k];
            }
        }
        return new double[] {magnitude, difference};
    }

    private double acMagnitude(short[] zz) {
        double m = 0;
        for (int k = 1; k < Zigzag.BLOCK_SIZE; k++) {
            m += Math.abs(zz[k]) * (double) quant[k];
        }
        return m;
    }

    /** The block's pixels all lie inside the image (no edge padding, which decoders and encoders fill differently). */
    private boolean inside(int bx, int by) {
        return (bx + 1) * FrameHeader.BLOCK * frame.ratioX(0) <= frame.width()
                && (by + 1) * FrameHeader.BLOCK * frame.ratioY(0) <= frame.height();
    }
}
