package dev.anonymizer.imaging;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.bmp.BmpHeaderDirectory;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.png.PngDirectory;
import com.drew.metadata.webp.WebpDirectory;

/**
 * Reads an encoded image's header and metadata (with metadata-extractor), without decoding pixels: size for the
 * decompression-bomb check, EXIF orientation, and which metadata groups it carries.
 */
public final class ImageInspector {

    /** Groups that describe only how pixels are stored, not who, where or with what. */
    private static final Set<String> STRUCTURAL = Set.of("JPEG", "JFIF", "Huffman", "File Type", "PNG-IHDR",
            "PNG-pHYs", "PNG-sRGB", "PNG-gAMA", "PNG-cHRM", "PNG-bKGD", "BMP Header", "WebP", "Adobe JPEG", "JFXX",
            "PNG-PLTE", "PNG-tRNS", "PNG-sBIT", "ICC Profile");

    private ImageInspector() {
    }

    /** Inspects {@code bytes}, already known to be {@code format}. */
    public static ImageInfo inspect(byte[] bytes, ImageFormat format) {
        Metadata metadata;
        try {
            metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length);
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            throw new RejectedImageException(RejectionReason.CORRUPT,
                    "cannot read the " + format + " header: " + e.getMessage());
        }
        int[] size = dimensions(metadata, format);
        if (size == null || size[0] <= 0 || size[1] <= 0) {
            throw new RejectedImageException(RejectionReason.CORRUPT,
                    "cannot read the image size from the " + format + " header");
        }
        int orientation = 1;
        List<String> groups = new ArrayList<>();
        for (Directory dir : metadata.getDirectories()) {
            if (dir instanceof ExifIFD0Directory && dir.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                Integer o = dir.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
                orientation = o == null ? 1 : o;
            }
            if (!STRUCTURAL.contains(dir.getName()) && dir.getTagCount() > 0) {
                groups.add(dir.getName() + " (" + dir.getTagCount() + " tags)");
            }
        }
        return new ImageInfo(format, size[0], size[1], orientation, List.copyOf(groups),
                IccProfile.extract(bytes, format));
    }

    private static int[] dimensions(Metadata m, ImageFormat format) {
        try {
            switch (format) {
                case JPEG -> {
                    JpegDirectory d = m.getFirstDirectoryOfType(JpegDirectory.class);
                    return d == null ? null : new int[] {d.getImageWidth(), d.getImageHeight()};
                }
                case PNG -> {
                    for (PngDirectory d : m.getDirectoriesOfType(PngDirectory.class)) {
                        if (d.containsTag(PngDirectory.TAG_IMAGE_WIDTH)) {
                            return new int[] {d.getInt(PngDirectory.TAG_IMAGE_WIDTH), d.getInt(PngDirectory.TAG_IMAGE_HEIGHT)};
                        }
                    }
                    return null;
                }
                case WEBP -> {
                    WebpDirectory d = m.getFirstDirectoryOfType(WebpDirectory.class);
                    return d == null || !d.containsTag(WebpDirectory.TAG_IMAGE_WIDTH) ? null
                            : new int[] {d.getInt(WebpDirectory.TAG_IMAGE_WIDTH), d.getInt(WebpDirectory.TAG_IMAGE_HEIGHT)};
                }
                case BMP -> {
                    BmpHeaderDirectory d = m.getFirstDirectoryOfType(BmpHeaderDirectory.class);
                    return d == null ? null
                            : new int[] {d.getInt(BmpHeaderDirectory.TAG_IMAGE_WIDTH),
                                    Math.abs(d.getInt(BmpHeaderDirectory.TAG_IMAGE_HEIGHT))};
                }
                case TIFF -> {
                    ExifIFD0Directory d = m.getFirstDirectoryOfType(ExifIFD0Directory.class);
                    return d == null ? null
                            : new int[] {d.getInt(ExifIFD0Directory.TAG_IMAGE_WIDTH), d.getInt(ExifIFD0Directory.TAG_IMAGE_HEIGHT)};
                }
                default -> {
                    return null;
                }
            }
        } catch (MetadataException e) {
            return null;
        }
    }
}
