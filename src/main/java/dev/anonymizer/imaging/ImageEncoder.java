package dev.anonymizer.imaging;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_PNG_COMPRESSION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_WEBP_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.jboss.logging.Logger;

import dev.anonymizer.imaging.jpeg.CensoredJpegWriter;
import dev.anonymizer.imaging.jpeg.JpegOutput;
import dev.anonymizer.imaging.jpeg.JpegReport;
import dev.anonymizer.imaging.jpeg.JpegSource;
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
 * <p>
 * The block path visits each scan of the source twice (to count symbols for its Huffman tables, then to write), and
 * decoding the scans is most of its time. {@link #readAhead} decodes them once, on the encoder's own thread, while
 * the search runs on the image: a photo alone in the process has an idle core then.
 */
public class ImageEncoder implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ImageEncoder.class);
    /** zlib level for PNG: near the best size at a fraction of level 9's time. */
    private static final int PNG_COMPRESSION = 3;

    private final EncoderSettings output;
    /** The one thread that reads sources ahead; null when reading ahead is off. */
    private final ExecutorService reader;

    public ImageEncoder(EncoderSettings output) {
        this.output = output;
        this.reader = output.readAheadMaxBytes() > 0 && output.jpegLosslessOutside()
                ? Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "jpeg-read-ahead");
                    t.setDaemon(true);
                    return t;
                })
                : null;
    }

    /**
     * Starts reading {@code image}'s source for its censored copy on the encoder's thread (a sequential JPEG's
     * coefficients, decoded once): pass the result to {@link #encode(DecodedImage, List, JpegReadAhead)} and close
     * it when the image is done. Other images, and JPEGs the block path does not take, read nothing ahead.
     */
    public JpegReadAhead readAhead(DecodedImage image) {
        if (reader == null || image.info().format() != ImageFormat.JPEG) {
            return parsedWhenAsked(image);
        }
        // only the bytes: a read still queued when the image is done must not keep the decoded image reachable
        byte[] file = image.source();
        long maxHeld = output.readAheadMaxBytes();
        JpegReadAhead ahead = new JpegReadAhead(() -> JpegSource.read(file, maxHeld));
        try {
            reader.execute(ahead::readUnlessStarted);
        } catch (RejectedExecutionException e) {
            // shutting down: the encoding thread reads it when it gets there
        }
        return ahead;
    }

    private static JpegReadAhead parsedWhenAsked(DecodedImage image) {
        byte[] file = image.source();
        return new JpegReadAhead(() -> JpegSource.parse(file));
    }

    /** As {@link #encode(DecodedImage, List, JpegReadAhead)}, the source read when encoding. */
    public EncodedImage encode(DecodedImage image, List<Box> censored) {
        try (JpegReadAhead now = parsedWhenAsked(image)) {
            return encode(image, censored, now);
        }
    }

    /**
     * The encoded image.
     *
     * @param image    the decoded image, its pixels censored in place
     * @param censored the boxes that were censored (upright pixels), so a JPEG can keep every block outside them
     * @param source   the image's source as {@link #readAhead} started reading it
     */
    public EncodedImage encode(DecodedImage image, List<Box> censored, JpegReadAhead source) {
        ImageInfo info = image.info();
        IccProfile icc = output.keepIccProfile() ? info.icc() : null;
        if (info.format() == ImageFormat.JPEG) {
            try {
                JpegOutput out = CensoredJpegWriter.write(source.source(), image.pixels(),
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

    /** Stops the read-ahead thread; reads already handed out are done by their encoding threads. */
    @Override
    public void close() {
        if (reader != null) {
            reader.shutdownNow();
        }
    }
}
