package dev.anonymizer.imaging;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_PNG_COMPRESSION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_WEBP_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.jboss.logging.Logger;

import dev.anonymizer.imaging.jpeg.CensoredJpegWriter;
import dev.anonymizer.imaging.jpeg.JpegOutput;
import dev.anonymizer.imaging.jpeg.JpegReport;
import dev.anonymizer.imaging.jpeg.UnsupportedJpegException;
import dev.anonymizer.region.Box;
import dev.anonymizer.region.PixelRect;

/**
 * Encodes censored pixels in the input's format. The output carries no EXIF, GPS, maker notes, XMP, IPTC, comments
 * or thumbnails; the ICC profile is written back when configured.
 * <p>
 * JPEGs keep their quality: sequential ones have only the blocks under censored regions rewritten (the stored grid
 * and its Orientation tag kept, every other block copied coefficient for coefficient); progressive and other ones
 * are re-encoded upright with the source's quantisation tables ({@link CensoredJpegWriter}). Only when even those
 * cannot be read is a JPEG encoded by OpenCV at {@code anonymizer.output.jpeg-quality}. Other formats are written
 * upright without an orientation tag.
 */
public class ImageEncoder {

    private static final Logger LOG = Logger.getLogger(ImageEncoder.class);
    /** zlib level for PNG: near the best size at a fraction of level 9's time. */
    private static final int PNG_COMPRESSION = 3;

    private final EncoderSettings output;

    public ImageEncoder(EncoderSettings output) {
        this.output = output;
    }

    /**
     * The encoded image.
     *
     * @param image    the decoded image, its pixels censored in place
     * @param censored the boxes that were censored (upright pixels), so a JPEG can keep every block outside them
     */
    public EncodedImage encode(DecodedImage image, List<Box> censored) {
        ImageInfo info = image.info();
        IccProfile icc = output.keepIccProfile() ? info.icc() : null;
        if (info.format() == ImageFormat.JPEG) {
            try {
                JpegOutput out = CensoredJpegWriter.write(image.source(), image.pixels(),
                        changedPixels(censored, image.width(), image.height()), Orientation.fromExif(info.orientation()),
                        icc, output.jpegLosslessOutside());
                return new EncodedImage(out.bytes(), out.report(), icc != null);
            } catch (UnsupportedJpegException e) {
                LOG.debugf("JPEG tables unreadable (%s): encoding at quality %d", e.getMessage(), output.jpegQuality());
                byte[] bytes = withIcc(openCv(image.pixels(), info.format()), icc, info.format());
                return new EncodedImage(bytes, JpegReport.qualitySettingReencode(image.width(), image.height(), e.reason()),
                        icc != null);
            }
        }
        return new EncodedImage(withIcc(openCv(image.pixels(), info.format()), icc, info.format()), null, icc != null);
    }

    /**
     * The pixels the censor step may have changed for each box: the box cut to the image and widened to whole
     * pixels, exactly the rectangle {@code RegionCensor} works in (it leaves every pixel outside it bit-identical;
     * {@code CensoredAreaTest} holds the two to that).
     */
    public static List<PixelRect> changedPixels(List<Box> boxes, int width, int height) {
        List<PixelRect> rects = new ArrayList<>();
        for (Box b : boxes) {
            PixelRect r = b.clamp(width, height).toPixels();
            int x2 = Math.min(r.x() + r.width(), width);
            int y2 = Math.min(r.y() + r.height(), height);
            if (x2 > r.x() && y2 > r.y()) {
                rects.add(new PixelRect(r.x(), r.y(), x2 - r.x(), y2 - r.y()));
            }
        }
        return rects;
    }

    private byte[] openCv(Mat pixels, ImageFormat format) {
        int[] params = switch (format) {
            case JPEG -> new int[] {IMWRITE_JPEG_QUALITY, output.jpegQuality()};
            case PNG -> new int[] {IMWRITE_PNG_COMPRESSION, PNG_COMPRESSION};
            case WEBP -> new int[] {IMWRITE_WEBP_QUALITY, output.webpQuality()};
            default -> new int[0];
        };
        try (BytePointer buffer = new BytePointer(); IntPointer p = new IntPointer(params)) {
            if (!imencode(format.extension(), pixels, buffer, p)) {
                throw new IllegalStateException("OpenCV could not encode " + format);
            }
            byte[] encoded = new byte[(int) buffer.limit()];
            buffer.get(encoded);
            return encoded;
        }
    }

    private static byte[] withIcc(byte[] encoded, IccProfile icc, ImageFormat format) {
        return icc == null ? encoded : icc.embedInto(encoded, format);
    }
}
