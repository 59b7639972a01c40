package dev.anonymizer.imaging.jpeg;

import java.util.List;
import java.util.PriorityQueue;

import org.bytedeco.opencv.opencv_core.Mat;

import dev.anonymizer.imaging.Orientation;

/**
 * Checks that the decoded pixels the censor step worked on lie in the stored grid where the orientation tag says
 * they do, before any censored block is written back by that mapping: had the decoder read the orientation
 * differently from the header (or turned the image where the header says nothing), censored blocks would land
 * beside the faces. It keeps the most textured luma blocks outside the censored area as the file codes them,
 * encodes the same blocks again from the pixels as each orientation would place them, and compares. The claimed
 * orientation must match up to rounding, and clearly better than any other that fits the image's size.
 */
final class OrientationProbe {

    /** Blocks compared: enough texture to tell the orientations apart, cheap to encode. */
    static final int SAMPLES = 32;
    /**
     * Largest share of the blocks' AC magnitude the claimed orientation's blocks may differ by. The right mapping
     * differs only by the decoder's rounding (at most 0.03 on the committed photos and on the WIDER faces photos
     * with their labelled faces censored); the other orientations differed by 0.32 to 1.6 there.
     */
    static final double MAX_RELATIVE_DIFFERENCE = 0.25;
    /** The claimed orientation must differ at most this fraction as much as the best other one (a clear winner). */
    static final double CLEAR_MARGIN = 0.5;
    /**
     * Least AC magnitude (de-quantised, summed over the sampled blocks) that makes the comparison meaningful; a flat
     * image cannot show where its pixels went, and is re-encoded upright instead.
     */
    static final double MIN_MAGNITUDE = 200;

    private record Sample(double magnitude, int bx, int by, short[] zigzag) {
    }

    private final FrameHeader frame;
    private final BlockSelection censored;
    private final List<int[]> quant;
    private final PriorityQueue<Sample> best = new PriorityQueue<>((a, b) -> Double.compare(a.magnitude, b.magnitude));

    OrientationProbe(FrameHeader frame, BlockSelection censored, List<int[]> quant) {
        this.frame = frame;
        this.censored = censored;
        this.quant = quant;
    }

    /** Offers a block as the file codes it; kept when it is among the most textured so far. */
    void offer(int c, int bx, int by, short[] zz) {
        if (c != 0 || censored.contains(c, bx, by) || !inside(bx, by)) {
            return;
        }
        double m = acMagnitude(zz);
        if (best.size() < SAMPLES) {
            best.add(new Sample(m, bx, by, zz.clone()));
        } else if (m > best.peek().magnitude()) {
            best.poll();
            best.add(new Sample(m, bx, by, zz.clone()));
        }
    }

    /**
     * Throws ORIENTATION_MISMATCH when the pixels of {@code upright} do not re-encode the sampled blocks as the file
     * has them under {@code claimed}, ORIENTATION_UNVERIFIED when the blocks cannot tell {@code claimed} from another
     * orientation (flat or symmetric content).
     */
    void verify(Mat upright, Orientation claimed) throws UnsupportedJpegException {
        double magnitude = best.stream().mapToDouble(Sample::magnitude).sum();
        if (magnitude < MIN_MAGNITUDE) {
            throw new UnsupportedJpegException(FallbackReason.ORIENTATION_UNVERIFIED,
                    "too little texture outside the censored area to check where the pixels lie");
        }
        double own = relativeDifference(upright, claimed);
        if (own > MAX_RELATIVE_DIFFERENCE) {
            throw new UnsupportedJpegException(FallbackReason.ORIENTATION_MISMATCH, String.format(
                    "decoded pixels differ from the file's blocks by %.2f of their magnitude", own));
        }
        for (Orientation other : Orientation.values()) {
            if (other != claimed && fits(other, upright) && own >= CLEAR_MARGIN * relativeDifference(upright, other)) {
                throw new UnsupportedJpegException(FallbackReason.ORIENTATION_UNVERIFIED,
                        "the pixels fit orientation " + other.exifValue() + " about as well as " + claimed.exifValue());
            }
        }
    }

    /** The sampled blocks' difference under orientation {@code o}, as a share of their AC magnitude. */
    double relativeDifference(Mat upright, Orientation o) {
        double total = 0;
        double difference = 0;
        short[] again = new short[Zigzag.BLOCK_SIZE];
        int[] q = quant.get(0);
        try (PixelBlocks pixels = new PixelBlocks(upright, o, frame, quant)) {
            for (Sample s : best) {
                pixels.encode(0, s.bx(), s.by(), again);
                total += s.magnitude();
                for (int k = 0; k < Zigzag.BLOCK_SIZE; k++) {
                    difference += Math.abs(again[k] - s.zigzag()[k]) * (double) q[k];
                }
            }
        }
        return total == 0 ? 0 : difference / total;
    }

    private boolean fits(Orientation o, Mat upright) {
        return o.uprightWidth(frame.width(), frame.height()) == upright.cols()
                && o.uprightHeight(frame.width(), frame.height()) == upright.rows();
    }

    private double acMagnitude(short[] zz) {
        int[] q = quant.get(0);
        double m = 0;
        for (int k = 1; k < Zigzag.BLOCK_SIZE; k++) {
            m += Math.abs(zz[k]) * (double) q[k];
        }
        return m;
    }

    /** The block's pixels all lie inside the image (no edge padding, which decoders and encoders fill differently). */
    private boolean inside(int bx, int by) {
        return (bx + 1) * FrameHeader.BLOCK * frame.ratioX(0) <= frame.width()
                && (by + 1) * FrameHeader.BLOCK * frame.ratioY(0) <= frame.height();
    }
}
