package dev.anonymizer.imaging.jpeg;

import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;

import dev.anonymizer.imaging.IccProfile;
import dev.anonymizer.imaging.Orientation;
import dev.anonymizer.region.PixelRect;

/**
 * Writes the censored copy of a JPEG: by the block path when it can (every block the censored rectangles do not
 * reach keeps its coefficients, so it decodes to exactly the pixels it did), else by a whole re-encode with the
 * source's own quantisation tables. Throws only when the source's tables cannot be read at all (the caller then
 * encodes at the configured quality).
 */
public final class CensoredJpegWriter {

    private CensoredJpegWriter() {
    }

    /**
     * @param source          the JPEG as stored
     * @param censoredUpright its decoded, upright pixels after censoring (BGR, 8-bit)
     * @param censoredRects   upright rectangles holding every changed pixel
     * @param orientation     the source's orientation tag
     * @param icc             the profile to write, or null
     * @param blockPath       whether the block path may be used ({@code anonymizer.output.jpeg-lossless-outside})
     */
    public static JpegOutput write(byte[] source, Mat censoredUpright, List<PixelRect> censoredRects,
            Orientation orientation, IccProfile icc, boolean blockPath) throws UnsupportedJpegException {
        return write(JpegSource.parse(source), censoredUpright, censoredRects, orientation, icc, blockPath);
    }

    /** As above, from a source already read (its coefficients perhaps held: {@link JpegSource#read}). */
    public static JpegOutput write(JpegSource source, Mat censoredUpright, List<PixelRect> censoredRects,
            Orientation orientation, IccProfile icc, boolean blockPath) throws UnsupportedJpegException {
        ParsedJpeg parsed = source.parsed();
        FallbackReason reason = FallbackReason.DISABLED;
        if (blockPath) {
            try {
                JpegBlockRewriter.Result r = JpegBlockRewriter.rewrite(source, censoredUpright, censoredRects,
                        orientation, icc);
                return new JpegOutput(r.bytes(), new JpegReport(JpegPath.BLOCKS, r.blocksRewritten(), r.blocksTotal(),
                        null, QuantisationSource.SOURCE));
            } catch (UnsupportedJpegException e) {
                reason = e.reason();
            }
        }
        return JpegReencoder.reencode(parsed, censoredUpright, icc, reason);
    }
}
