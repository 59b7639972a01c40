package dev.anonymizer.imaging.jpeg;

import java.util.List;
import java.util.Optional;

/**
 * What writing a censored JPEG did, for the audit record.
 *
 * @param path            blocks rewritten in place, or the whole image re-encoded
 * @param blocksRewritten 8x8 blocks (all components) whose coefficients were computed anew
 * @param blocksTotal     8x8 blocks of the output
 * @param fallback        why the image was re-encoded; null on the block path
 * @param quantisation    whose quantisation tables the new blocks use
 */
public record JpegReport(JpegPath path, long blocksRewritten, long blocksTotal, FallbackReason fallback,
        QuantisationSource quantisation) {

    /** 4:2:0, what OpenCV's encoder writes by default. */
    private static final List<FrameComponent> OPENCV_SAMPLING = List.of(new FrameComponent(1, 2, 2, 0),
            new FrameComponent(2, 1, 1, 1), new FrameComponent(3, 1, 1, 1));

    public Optional<FallbackReason> fallbackReason() {
        return Optional.ofNullable(fallback);
    }

    /** Share of the output's blocks that were rewritten. */
    public double rewrittenShare() {
        return blocksTotal == 0 ? 0 : (double) blocksRewritten / blocksTotal;
    }

    /** The report of a whole re-encode by OpenCV at the configured quality (4:2:0), when nothing else could be done. */
    public static JpegReport qualitySettingReencode(int width, int height, FallbackReason reason) {
        long blocks = new FrameHeader(CodingProcess.BASELINE, 8, width, height, OPENCV_SAMPLING).totalBlocks();
        return new JpegReport(JpegPath.RE_ENCODED, blocks, blocks, reason, QuantisationSource.QUALITY_SETTING);
    }
}
