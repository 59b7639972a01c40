package dev.anonymizer.imaging;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Turns stored bytes into upright pixels, refusing anything that is not a supported, complete image of acceptable
 * size BEFORE its pixels are decoded. OpenCV applies the EXIF orientation while decoding.
 */
public class ImageDecoder {

    private final ImageLimits limits;

    public ImageDecoder(ImageLimits limits) {
        this.limits = limits;
    }

    /** Checks and decodes; throws {@link RejectedImageException} with the reason for bad input. */
    public DecodedImage decode(byte[] bytes) {
        ImageInfo info = check(bytes);
        Mat pixels;
        try (BytePointer data = new BytePointer(bytes); Mat raw = new Mat(1, bytes.length, CV_8UC1, data)) {
            pixels = imdecode(raw, IMREAD_COLOR);
        }
        if (pixels == null || pixels.empty()) {
            if (pixels != null) {
                pixels.close();
            }
            throw new RejectedImageException(RejectionReason.CORRUPT, "the " + info.format() + " data cannot be decoded");
        }
        return new DecodedImage(pixels, info, bytes);
    }

    /** Everything that can be said of the bytes without decoding pixels; throws for bad input. */
    public ImageInfo check(byte[] bytes) {
        if (bytes.length == 0) {
            throw new RejectedImageException(RejectionReason.EMPTY_OBJECT, "the object is empty (0 bytes)");
        }
        if (bytes.length > limits.maxBytes()) {
            throw new RejectedImageException(RejectionReason.TOO_LARGE, "the object has " + bytes.length
                    + " bytes, more than the limit of " + limits.maxBytes() + " (anonymizer.limits.max-bytes)");
        }
        ImageFormat format = ImageFormat.sniff(bytes).orElseThrow(() -> ImageFormat.recogniseUnsupported(bytes)
                .map(name -> new RejectedImageException(RejectionReason.UNSUPPORTED_FORMAT,
                        name + " is not supported; supported formats: JPEG, PNG, WebP, TIFF, BMP"))
                .orElseGet(() -> new RejectedImageException(RejectionReason.NOT_AN_IMAGE,
                        "the object is not an image in a supported format (JPEG, PNG, WebP, TIFF, BMP)")));
        checkComplete(bytes, format);
        ImageInfo info = ImageInspector.inspect(bytes, format);
        if (info.pixels() > limits.maxPixels()) {
            throw new RejectedImageException(RejectionReason.TOO_LARGE, "the image is " + info.width() + "x"
                    + info.height() + " = " + info.pixels() + " pixels, more than the limit of " + limits.maxPixels()
                    + " (anonymizer.limits.max-pixels)");
        }
        return info;
    }

    /**
     * Decoders fill a truncated image's missing rows with grey and succeed; a censored copy of half a photo is not
     * what anyone wants, so the end markers are checked first.
     */
    private static void checkComplete(byte[] b, ImageFormat format) {
        switch (format) {
            case JPEG -> {
                // EOI (FF D9), allowing a little trailing padding some cameras add
                int from = Math.max(2, b.length - 1024);
                for (int i = b.length - 2; i >= from; i--) {
                    if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xD9) {
                        return;
                    }
                }
                throw new RejectedImageException(RejectionReason.TRUNCATED,
                        "the JPEG has no end-of-image marker: the file is truncated");
            }
            case PNG -> {
                if (b.length < 20 || !new String(b, b.length - 8, 4, java.nio.charset.StandardCharsets.US_ASCII)
                        .equals("IEND")) {
                    throw new RejectedImageException(RejectionReason.TRUNCATED,
                            "the PNG has no IEND chunk: the file is truncated");
                }
            }
            case WEBP -> {
                long declared = (b[4] & 0xFFL) | (b[5] & 0xFFL) << 8 | (b[6] & 0xFFL) << 16 | (b[7] & 0xFFL) << 24;
                if (declared + 8 > b.length) {
                    throw new RejectedImageException(RejectionReason.TRUNCATED, "the WebP declares " + (declared + 8)
                            + " bytes but has " + b.length + ": the file is truncated");
                }
            }
            case BMP -> {
                long declared = (b[2] & 0xFFL) | (b[3] & 0xFFL) << 8 | (b[4] & 0xFFL) << 16 | (b[5] & 0xFFL) << 24;
                if (declared > b.length) {
                    throw new RejectedImageException(RejectionReason.TRUNCATED, "the BMP declares " + declared
                            + " bytes but has " + b.length + ": the file is truncated");
                }
            }
            default -> {
                // TIFF: strips are addressed by offset; a short file fails to decode instead
            }
        }
    }
}
