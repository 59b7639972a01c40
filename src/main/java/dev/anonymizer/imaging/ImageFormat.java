package dev.anonymizer.imaging;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The image formats the function reads and writes; the output always has the input's format. */
public enum ImageFormat {
    JPEG("image/jpeg", ".jpg"),
    PNG("image/png", ".png"),
    WEBP("image/webp", ".webp"),
    TIFF("image/tiff", ".tif"),
    BMP("image/bmp", ".bmp");

    private final String contentType;
    private final String extension;

    ImageFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    /** File extension (with the dot) that selects this format's encoder. */
    public String extension() {
        return extension;
    }

    /** The supported format these bytes start with, if any (content decides, never the key's extension). */
    public static Optional<ImageFormat> sniff(byte[] b) {
        if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of(WEBP);
        }
        if (startsWith(b, 0, 'I', 'I', 42, 0) || startsWith(b, 0, 'M', 'M', 0, 42)) {
            return Optional.of(TIFF);
        }
        if (startsWith(b, 0, 'B', 'M') && b.length > 26) {
            return Optional.of(BMP);
        }
        return Optional.empty();
    }

    /** A name for well-known formats we do not support, to give a clear reason ("GIF", "HEIC", ...). */
    public static Optional<String> recogniseUnsupported(byte[] b) {
        if (startsWith(b, 0, 'G', 'I', 'F', '8')) {
            return Optional.of("GIF");
        }
        if (startsWith(b, 0, '%', 'P', 'D', 'F')) {
            return Optional.of("PDF");
        }
        if (b.length >= 12 && startsWith(b, 4, 'f', 't', 'y', 'p')) {
            String brand = new String(b, 8, 4, StandardCharsets.US_ASCII);
            if (brand.startsWith("hei") || brand.startsWith("hev") || brand.equals("mif1") || brand.equals("msf1")) {
                return Optional.of("HEIC/HEIF");
            }
            if (brand.startsWith("avi")) {
                return Optional.of("AVIF");
            }
            return Optional.of("ISO media (" + brand.trim() + ")");
        }
        if (startsWith(b, 0, 0x00, 0x00, 0x00, 0x0C, 'j', 'P')) {
            return Optional.of("JPEG 2000");
        }
        if (startsWith(b, 0, '<', 's', 'v', 'g') || startsWith(b, 0, '<', '?', 'x', 'm', 'l')) {
            return Optional.of("SVG/XML");
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] b, int offset, int... prefix) {
        if (b.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[offset + i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
