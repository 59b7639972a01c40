package dev.anonymizer.imaging.jpeg;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a JPEG's marker segments (ITU T.81 Annex B) into a {@link ParsedJpeg}: frame, quantisation and Huffman
 * tables, restart interval and scans, with the extent of each scan's entropy-coded data. Any JPEG process is
 * parsed (a progressive file still yields its quantisation tables); reading the scan data is
 * {@link ScanDecoder}'s job. Anything malformed is an {@link UnsupportedJpegException} with reason UNREADABLE.
 */
final class JpegParser {

    static final int SOI = 0xD8;
    static final int EOI = 0xD9;
    static final int SOS = 0xDA;
    static final int DQT = 0xDB;
    static final int DNL = 0xDC;
    static final int DRI = 0xDD;
    static final int DHT = 0xC4;
    static final int JPG = 0xC8;
    static final int DAC = 0xCC;
    static final int SOF0 = 0xC0;
    static final int SOF15 = 0xCF;
    static final int APP0 = 0xE0;
    static final int APP14 = 0xEE;
    static final int RST0 = 0xD0;
    static final int RST7 = 0xD7;
    /** TEM: the one marker without a length besides SOI, EOI and RSTn. */
    static final int TEM = 0x01;

    private static final int TABLE_SLOTS = 4;
    private static final byte[] JFIF_ID = "JFIF\0".getBytes(StandardCharsets.US_ASCII);
    private static final int JFIF_VERSION_BYTES = 2;
    /** Units (1 byte), then x and y density (2 bytes each). */
    private static final int JFIF_DENSITY_BYTES = 5;
    private static final byte[] ADOBE_ID = "Adobe".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXIF_ID = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
    private static final int APP1 = 0xE1;
    /** Offset of the transform byte in an Adobe APP14 payload: "Adobe", version, flags0, flags1. */
    private static final int ADOBE_TRANSFORM_OFFSET = 11;
    private static final int MAX_SAMPLING = 4;

    private final byte[] b;
    private final int[][] quant = new int[TABLE_SLOTS][];
    private final HuffmanTable[][] huffman = new HuffmanTable[2][TABLE_SLOTS];
    private final List<ScanHeader> scans = new ArrayList<>();
    private FrameHeader frame;
    private int[][] componentQuant;
    private int restartInterval;
    private JfifDensity jfif;
    private int adobeTransform = -1;
    private boolean hasExif;

    private JpegParser(byte[] bytes) {
        this.b = bytes;
    }

    /** Parses {@code bytes}; throws when they are not a complete, well-formed JPEG. */
    static ParsedJpeg parse(byte[] bytes) throws UnsupportedJpegException {
        try {
            return new JpegParser(bytes).run();
        } catch (ArrayIndexOutOfBoundsException e) {
            throw unreadable("a segment runs past the end of the file");
        }
    }

    private ParsedJpeg run() throws UnsupportedJpegException {
        if (b.length < 4 || u8(0) != 0xFF || u8(1) != SOI) {
            throw unreadable("no start-of-image marker");
        }
        int i = 2;
        while (true) {
            if (i >= b.length || u8(i) != 0xFF) {
                throw unreadable("no marker where one must be (offset " + i + ")");
            }
            while (i < b.length && u8(i) == 0xFF) {
                i++; // fill bytes
            }
            int marker = u8(i);
            int segment = i + 1;
            if (marker == EOI) {
                break;
            }
            if (marker == TEM || (marker >= RST0 && marker <= RST7)) {
                i = segment;
                continue;
            }
            int length = u16(segment);
            int payload = segment + 2;
            int next = segment + length;
            if (length < 2 || next > b.length) {
                throw unreadable("segment 0x" + Integer.toHexString(marker) + " runs past the end of the file");
            }
            if (marker >= SOF0 && marker <= SOF15 && marker != DHT && marker != JPG && marker != DAC) {
                readFrame(marker - SOF0, payload, next);
            } else if (marker == DHT) {
                readHuffman(payload, next);
            } else if (marker == DQT) {
                readQuant(payload, next);
            } else if (marker == DRI) {
                restartInterval = u16(payload);
            } else if (marker == SOS) {
                next = readScan(payload, next);
            } else if (marker == DNL) {
                throw unreadable("a DNL marker (height given after the scan) is not supported");
            } else if (marker == APP0 && startsWith(payload, next, JFIF_ID)
                    && next - payload >= JFIF_ID.length + JFIF_VERSION_BYTES + JFIF_DENSITY_BYTES) {
                int p = payload + JFIF_ID.length + JFIF_VERSION_BYTES;
                jfif = new JfifDensity(u8(p), u16(p + 1), u16(p + 3));
            } else if (marker == APP1 && startsWith(payload, next, EXIF_ID)) {
                hasExif = true;
            } else if (marker == APP14 && startsWith(payload, next, ADOBE_ID)
                    && next - payload > ADOBE_TRANSFORM_OFFSET) {
                adobeTransform = u8(payload + ADOBE_TRANSFORM_OFFSET);
            }
            i = next;
        }
        if (frame == null || scans.isEmpty()) {
            throw unreadable("no frame or no scan before the end-of-image marker");
        }
        List<int[]> perComponent = new ArrayList<>();
        for (int c = 0; c < frame.components().size(); c++) {
            if (componentQuant[c] == null) {
                throw unreadable("component " + frame.components().get(c).id() + " is in no scan");
            }
            perComponent.add(componentQuant[c]);
        }
        return new ParsedJpeg(frame, scans, perComponent, jfif, adobeTransform, hasExif);
    }

    private void readFrame(int sofIndex, int p, int end) throws UnsupportedJpegException {
        if (frame != null) {
            throw unreadable("more than one frame header");
        }
        int precision = u8(p);
        int height = u16(p + 1);
        int width = u16(p + 3);
        int n = u8(p + 5);
        if (n == 0 || p + 6 + 3 * n > end) {
            throw unreadable("frame header with " + n + " components does not fit its segment");
        }
        if (height == 0) {
            throw unreadable("the frame height is given by a DNL marker, which is not supported");
        }
        if (width == 0) {
            throw unreadable("frame width 0");
        }
        List<FrameComponent> components = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int q = p + 6 + 3 * k;
            int h = u8(q + 1) >> 4;
            int v = u8(q + 1) & 0x0F;
            int tq = u8(q + 2);
            if (h < 1 || h > MAX_SAMPLING || v < 1 || v > MAX_SAMPLING || tq >= TABLE_SLOTS) {
                throw unreadable("component " + u8(q) + " with sampling " + h + "x" + v + " or table " + tq);
            }
            components.add(new FrameComponent(u8(q), h, v, tq));
        }
        frame = new FrameHeader(CodingProcess.ofSofIndex(sofIndex), precision, width, height, components);
        componentQuant = new int[n][];
    }

    private void readHuffman(int p, int end) throws UnsupportedJpegException {
        while (p < end) {
            int tc = u8(p) >> 4;
            int th = u8(p) & 0x0F;
            if (tc > 1 || th >= TABLE_SLOTS) {
                throw unreadable("Huffman table class " + tc + " slot " + th);
            }
            int[] counts = new int[HuffmanTable.MAX_CODE_LENGTH];
            int total = 0;
            for (int l = 0; l < HuffmanTable.MAX_CODE_LENGTH; l++) {
                counts[l] = u8(p + 1 + l);
                total += counts[l];
            }
            int s = p + 1 + HuffmanTable.MAX_CODE_LENGTH;
            if (s + total > end) {
                throw unreadable("Huffman table runs past its segment");
            }
            int[] symbols = new int[total];
            for (int k = 0; k < total; k++) {
                symbols[k] = u8(s + k);
            }
            huffman[tc][th] = new HuffmanTable(counts, symbols);
            p = s + total;
        }
    }

    private void readQuant(int p, int end) throws UnsupportedJpegException {
        while (p < end) {
            int pq = u8(p) >> 4;
            int tq = u8(p) & 0x0F;
            if (pq > 1 || tq >= TABLE_SLOTS) {
                throw unreadable("quantisation table precision " + pq + " slot " + tq);
            }
            int size = pq == 0 ? 1 : 2;
            if (p + 1 + Zigzag.BLOCK_SIZE * size > end) {
                throw unreadable("quantisation table runs past its segment");
            }
            int[] table = new int[Zigzag.BLOCK_SIZE];
            for (int k = 0; k < Zigzag.BLOCK_SIZE; k++) {
                table[k] = size == 1 ? u8(p + 1 + k) : u16(p + 1 + 2 * k);
                if (table[k] == 0) {
                    throw unreadable("quantisation value 0");
                }
            }
            quant[tq] = table;
            p += 1 + Zigzag.BLOCK_SIZE * size;
        }
    }

    /** Reads a scan header and finds the end of its entropy-coded data; returns the offset of the marker after it. */
    private int readScan(int p, int end) throws UnsupportedJpegException {
        if (frame == null) {
            throw unreadable("a scan before the frame header");
        }
        int n = u8(p);
        if (n == 0 || n > frame.components().size() || p + 1 + 2 * n + 3 > end) {
            throw unreadable("scan header with " + n + " components");
        }
        int[] comps = new int[n];
        HuffmanTable[] dc = new HuffmanTable[n];
        HuffmanTable[] ac = new HuffmanTable[n];
        for (int k = 0; k < n; k++) {
            int id = u8(p + 1 + 2 * k);
            int tables = u8(p + 2 + 2 * k);
            int c = indexOf(id);
            comps[k] = c;
            int td = tables >> 4;
            int ta = tables & 0x0F;
            if (td >= TABLE_SLOTS || ta >= TABLE_SLOTS) {
                throw unreadable("scan table slot out of range");
            }
            dc[k] = huffman[0][td];
            ac[k] = huffman[1][ta];
            if (componentQuant[c] == null) {
                // the table in force when a component's first scan starts is the one its blocks were coded with
                int[] q = quant[frame.components().get(c).quantId()];
                if (q == null) {
                    throw unreadable("component " + id + " uses an undefined quantisation table");
                }
                componentQuant[c] = q.clone();
            }
        }
        int q = p + 1 + 2 * n;
        int ss = u8(q);
        int se = u8(q + 1);
        int a = u8(q + 2);
        int dataEnd = findDataEnd(end);
        scans.add(new ScanHeader(comps, dc, ac, ss, se, a, restartInterval, end, dataEnd));
        return dataEnd;
    }

    /** The offset of the first marker after the entropy-coded data at {@code from} that is no restart marker. */
    private int findDataEnd(int from) throws UnsupportedJpegException {
        int j = from;
        while (j + 1 < b.length) {
            if (u8(j) != 0xFF) {
                j++;
                continue;
            }
            int m = u8(j + 1);
            if (m == 0x00 || (m >= RST0 && m <= RST7)) {
                j += 2;
            } else if (m == 0xFF) {
                j++;
            } else {
                return j;
            }
        }
        throw unreadable("the scan data runs to the end of the file");
    }

    private int indexOf(int id) throws UnsupportedJpegException {
        for (int c = 0; c < frame.components().size(); c++) {
            if (frame.components().get(c).id() == id) {
                return c;
            }
        }
        throw unreadable("scan names component " + id + ", which the frame does not have");
    }

    private boolean startsWith(int p, int end, byte[] id) {
        return end - p >= id.length && Arrays.equals(b, p, p + id.length, id, 0, id.length);
    }

    private int u8(int i) {
        return b[i] & 0xFF;
    }

    private int u16(int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    private static UnsupportedJpegException unreadable(String message) {
        return new UnsupportedJpegException(FallbackReason.UNREADABLE, message);
    }
}
