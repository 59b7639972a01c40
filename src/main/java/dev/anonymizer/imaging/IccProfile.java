package dev.anonymizer.imaging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * An ICC colour profile taken from the input and written into the output, so colours do not shift. JPEG (APP2
 * {@code ICC_PROFILE} segments) and PNG ({@code iCCP} chunk) only; other formats are written without one.
 * A profile describes a device's colours, not a person, so it is the one piece of metadata kept.
 */
public record IccProfile(byte[] data) {

    private static final byte[] JPEG_ICC_ID = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
    private static final int JPEG_CHUNK = 65519;

    public int size() {
        return data.length;
    }

    /** The profile in {@code bytes}, or null when there is none (or the format cannot carry one here). */
    public static IccProfile extract(byte[] bytes, ImageFormat format) {
        try {
            return switch (format) {
                case JPEG -> fromJpeg(bytes);
                case PNG -> fromPng(bytes);
                default -> null;
            };
        } catch (RuntimeException | DataFormatException e) {
            return null; // a damaged profile is dropped, never fatal
        }
    }

    private static IccProfile fromJpeg(byte[] b) {
        TreeMap<Integer, byte[]> chunks = new TreeMap<>();
        int i = 2;
        while (i + 4 <= b.length && (b[i] & 0xFF) == 0xFF) {
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xDA || marker == 0xD9) {
                break; // image data starts: no more metadata segments
            }
            int len = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            int start = i + 4;
            if (marker == 0xE2 && len >= 2 + JPEG_ICC_ID.length + 2 && regionMatches(b, start, JPEG_ICC_ID)) {
                int seq = b[start + JPEG_ICC_ID.length] & 0xFF;
                int dataStart = start + JPEG_ICC_ID.length + 2;
                int dataEnd = i + 2 + len;
                chunks.put(seq, java.util.Arrays.copyOfRange(b, dataStart, dataEnd));
            }
            i += 2 + len;
        }
        if (chunks.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.values().forEach(out::writeBytes);
        return new IccProfile(out.toByteArray());
    }

    private static IccProfile fromPng(byte[] b) throws DataFormatException {
        int i = 8;
        while (i + 12 <= b.length) {
            int len = readInt(b, i);
            String type = new String(b, i + 4, 4, StandardCharsets.US_ASCII);
            if (type.equals("iCCP")) {
                int p = i + 8;
                int end = p + len;
                while (p < end && b[p] != 0) {
                    p++; // profile name
                }
                p += 2; // NUL + compression method
                Inflater inflater = new Inflater();
                try {
                    inflater.setInput(b, p, end - p);
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    byte[] buf = new byte[8192];
                    while (!inflater.finished()) {
                        int n = inflater.inflate(buf);
                        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                            break;
                        }
                        out.write(buf, 0, n);
                    }
                    return new IccProfile(out.toByteArray());
                } finally {
                    inflater.end();
                }
            }
            if (type.equals("IDAT") || type.equals("IEND")) {
                return null;
            }
            i += 12 + len;
        }
        return null;
    }

    /** {@code encoded} with this profile written in; unchanged for formats that cannot carry it here. */
    public byte[] embedInto(byte[] encoded, ImageFormat format) {
        return switch (format) {
            case JPEG -> intoJpeg(encoded);
            case PNG -> intoPng(encoded);
            default -> encoded;
        };
    }

    private byte[] intoJpeg(byte[] jpeg) {
        int insertAt = 2;
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            insertAt = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF)); // after the JFIF APP0 segment
        }
        byte[] segments = jpegSegments();
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + segments.length);
        out.write(jpeg, 0, insertAt);
        out.writeBytes(segments);
        out.write(jpeg, insertAt, jpeg.length - insertAt);
        return out.toByteArray();
    }

    /** The profile as JPEG APP2 {@code ICC_PROFILE} segments (markers included), split into numbered chunks. */
    public byte[] jpegSegments() {
        int count = (data.length + JPEG_CHUNK - 1) / JPEG_CHUNK;
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + count * 18);
        for (int n = 0; n < count; n++) {
            int from = n * JPEG_CHUNK;
            int len = Math.min(JPEG_CHUNK, data.length - from);
            int segLen = 2 + JPEG_ICC_ID.length + 2 + len;
            out.write(0xFF);
            out.write(0xE2);
            out.write(segLen >> 8);
            out.write(segLen & 0xFF);
            out.writeBytes(JPEG_ICC_ID);
            out.write(n + 1);
            out.write(count);
            out.write(data, from, len);
        }
        return out.toByteArray();
    }

    private byte[] intoPng(byte[] png) {
        int ihdrEnd = 8 + 12 + readInt(png, 8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("iCCP".getBytes(StandardCharsets.US_ASCII));
        body.writeBytes("icc\0".getBytes(StandardCharsets.US_ASCII));
        body.write(0); // deflate
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            byte[] buf = new byte[8192];
            while (!deflater.finished()) {
                body.write(buf, 0, deflater.deflate(buf));
            }
        } finally {
            deflater.end();
        }
        byte[] typeAndData = body.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + typeAndData.length + 8);
        out.write(png, 0, ihdrEnd);
        writeInt(out, typeAndData.length - 4);
        out.writeBytes(typeAndData);
        writeInt(out, (int) crc.getValue());
        out.write(png, ihdrEnd, png.length - ihdrEnd);
        return out.toByteArray();
    }

    private static boolean regionMatches(byte[] b, int offset, byte[] what) {
        if (offset + what.length > b.length) {
            return false;
        }
        for (int i = 0; i < what.length; i++) {
            if (b[offset + i] != what[i]) {
                return false;
            }
        }
        return true;
    }

    private static int readInt(byte[] b, int i) {
        return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write((v >>> 16) & 0xFF);
        out.write((v >>> 8) & 0xFF);
        out.write(v & 0xFF);
    }
}
