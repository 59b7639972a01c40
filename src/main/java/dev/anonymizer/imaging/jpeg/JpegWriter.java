package dev.anonymizer.imaging.jpeg;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.anonymizer.imaging.IccProfile;
import dev.anonymizer.imaging.Orientation;

/**
 * Writes the marker segments of a sequential Huffman JPEG (ITU T.81 Annex B) and, through {@link #entropy()}, its
 * scan data. Metadata is written only as this class writes it: a JFIF APP0 with the pixel density, an EXIF APP1
 * holding nothing but the Orientation tag, and the ICC profile; nothing of the source's other segments.
 */
final class JpegWriter {

    /** Huffman table slots the output uses per class: 0 for luma (or grey), 1 for chroma. */
    static final int HUFFMAN_SLOTS = 2;

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int APP0 = 0xE0;
    private static final int APP1 = 0xE1;
    private static final int DQT = 0xDB;
    private static final int SOF0 = 0xC0;
    private static final int SOF1 = 0xC1;
    private static final int DHT = 0xC4;
    private static final int DRI = 0xDD;
    private static final int SOS = 0xDA;
    private static final byte[] JFIF_ID = "JFIF\0".getBytes(StandardCharsets.US_ASCII);
    private static final int JFIF_MAJOR = 1;
    private static final int JFIF_MINOR = 2;
    private static final byte[] EXIF_ID = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
    private static final int TIFF_MAGIC = 42;
    private static final int TIFF_IFD0_OFFSET = 8;
    private static final int EXIF_TAG_ORIENTATION = 0x0112;
    private static final int TIFF_TYPE_SHORT = 3;
    private static final int MAX_8BIT_QUANT = 255;
    private static final int SEQUENTIAL_SPECTRAL_END = 63;

    private final ByteSink out;
    private final EntropyWriter entropy;

    JpegWriter(int capacity) {
        out = new ByteSink(capacity);
        entropy = new EntropyWriter(out);
    }

    void startOfImage() {
        marker(SOI);
    }

    void jfif(JfifDensity density) {
        marker(APP0);
        out.write16(2 + JFIF_ID.length + 2 + 1 + 2 + 2 + 2);
        out.write(JFIF_ID);
        out.write(JFIF_MAJOR);
        out.write(JFIF_MINOR);
        out.write(density.units());
        out.write16(density.x());
        out.write16(density.y());
        out.write(0); // no thumbnail
        out.write(0);
    }

    /** An EXIF APP1 with a one-entry IFD0: the Orientation tag, so viewers turn the stored grid as before. */
    void exifOrientation(Orientation orientation) {
        int tiffLength = TIFF_IFD0_OFFSET + 2 + 12 + 4;
        marker(APP1);
        out.write16(2 + EXIF_ID.length + tiffLength);
        out.write(EXIF_ID);
        out.write('M'); // big-endian TIFF
        out.write('M');
        out.write16(TIFF_MAGIC);
        out.write16(0);
        out.write16(TIFF_IFD0_OFFSET);
        out.write16(1); // one entry
        out.write16(EXIF_TAG_ORIENTATION);
        out.write16(TIFF_TYPE_SHORT);
        out.write16(0);
        out.write16(1); // count 1
        out.write16(orientation.exifValue());
        out.write16(0); // value padding
        out.write16(0);
        out.write16(0); // no next IFD
    }

    void icc(IccProfile profile) {
        out.write(profile.jpegSegments());
    }

    /** Whether {@code tables} need the 16-bit DQT form, and so an extended (SOF1) frame. */
    static boolean needsExtended(List<int[]> tables) {
        for (int[] t : tables) {
            for (int v : t) {
                if (v > MAX_8BIT_QUANT) {
                    return true;
                }
            }
        }
        return false;
    }

    /** One DQT segment per table; table {@code i} goes into slot {@code i}. */
    void quantTables(List<int[]> tables) {
        for (int slot = 0; slot < tables.size(); slot++) {
            int[] t = tables.get(slot);
            boolean wide = needsExtended(List.of(t));
            marker(DQT);
            out.write16(2 + 1 + Zigzag.BLOCK_SIZE * (wide ? 2 : 1));
            out.write((wide ? 1 : 0) << 4 | slot);
            for (int v : t) {
                if (wide) {
                    out.write16(v);
                } else {
                    out.write(v);
                }
            }
        }
    }

    /** The frame header; components are numbered 1..n, component {@code c} using quantisation slot {@code quantSlot[c]}. */
    void frame(FrameHeader frame, int[] quantSlot, boolean extended) {
        int n = frame.components().size();
        marker(extended ? SOF1 : SOF0);
        out.write16(2 + 6 + 3 * n);
        out.write(frame.precision());
        out.write16(frame.height());
        out.write16(frame.width());
        out.write(n);
        for (int c = 0; c < n; c++) {
            FrameComponent fc = frame.components().get(c);
            out.write(c + 1);
            out.write(fc.h() << 4 | fc.v());
            out.write(quantSlot[c]);
        }
    }

    /** DHT for the tables of {@code dc} and {@code ac} (by slot) that are not null. */
    void huffmanTables(HuffmanTable[] dc, HuffmanTable[] ac) {
        for (int cls = 0; cls < 2; cls++) {
            HuffmanTable[] tables = cls == 0 ? dc : ac;
            for (int slot = 0; slot < tables.length; slot++) {
                HuffmanTable t = tables[slot];
                if (t == null) {
                    continue;
                }
                marker(DHT);
                out.write16(2 + 1 + HuffmanTable.MAX_CODE_LENGTH + t.size());
                out.write(cls << 4 | slot);
                for (int l = 1; l <= HuffmanTable.MAX_CODE_LENGTH; l++) {
                    out.write(t.count(l));
                }
                for (int k = 0; k < t.size(); k++) {
                    out.write(t.symbol(k));
                }
            }
        }
    }

    void restartInterval(int mcus) {
        marker(DRI);
        out.write16(4);
        out.write16(mcus);
    }

    /** A sequential scan header: frame components {@code components}, scan component k using table slot {@code tableOf[k]}. */
    void scanHeader(int[] components, int[] tableOf) {
        marker(SOS);
        out.write16(2 + 1 + 2 * components.length + 3);
        out.write(components.length);
        for (int k = 0; k < components.length; k++) {
            out.write(components[k] + 1);
            out.write(tableOf[k] << 4 | tableOf[k]);
        }
        out.write(0);
        out.write(SEQUENTIAL_SPECTRAL_END);
        out.write(0);
    }

    EntropyWriter entropy() {
        return entropy;
    }

    void endOfImage() {
        marker(EOI);
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void marker(int code) {
        out.write(0xFF);
        out.write(code);
    }
}
