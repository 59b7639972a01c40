package dev.anonymizer.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import dev.anonymizer.support.TestImages;

/** Formats in and out, and every kind of bad input rejected with its reason before pixels are decoded. */
class ImageDecoderTest {

    static final ImageLimits LIMITS = new ImageLimits(50_000_000, 100_000_000);

    static final EncoderSettings OUTPUT = TestOutputConfig.DEFAULTS;

    private final ImageDecoder decoder = new ImageDecoder(LIMITS);
    private final ImageEncoder encoder = new ImageEncoder(OUTPUT);

    @Test
    void everySupportedFormatRoundTripsInItsOwnFormat() {
        try (Mat plate = TestImages.syntheticPlate()) {
            for (ImageFormat f : ImageFormat.values()) {
                byte[] in = TestImages.encode(plate, f.extension());
                try (DecodedImage img = decoder.decode(in)) {
                    assertEquals(f, img.info().format());
                    assertEquals(640, img.width());
                    assertEquals(480, img.height());
                    byte[] out = encoder.encode(img, java.util.List.of()).bytes();
                    assertEquals(Optional.of(f), ImageFormat.sniff(out), "output of " + f + " is " + f);
                }
            }
        }
    }

    @Test
    void unsupportedFormatsAreNamedInTheReason() {
        assertReject(RejectionReason.UNSUPPORTED_FORMAT, "GIF", "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1));
        assertReject(RejectionReason.UNSUPPORTED_FORMAT, "PDF", "%PDF-1.7\n%\u00e2\u00e3".getBytes(StandardCharsets.ISO_8859_1));
        byte[] heic = new byte[32];
        System.arraycopy("\u0000\u0000\u0000\u0018ftypheic".getBytes(StandardCharsets.ISO_8859_1), 0, heic, 0, 12);
        assertReject(RejectionReason.UNSUPPORTED_FORMAT, "HEIC", heic);
        assertReject(RejectionReason.NOT_AN_IMAGE, "not an image", "hello, this is text".getBytes(StandardCharsets.UTF_8));
        assertReject(RejectionReason.EMPTY_OBJECT, "empty", new byte[0]);
    }

    @Test
    void truncatedAndCorruptFilesAreRejected() {
        byte[] jpg = TestImages.bytes("dog.jpg");
        assertReject(RejectionReason.TRUNCATED, "truncated", Arrays.copyOf(jpg, jpg.length / 2));
        byte[] png;
        try (Mat plate = TestImages.syntheticPlate()) {
            png = TestImages.encode(plate, ".png");
        }
        assertReject(RejectionReason.TRUNCATED, "truncated", Arrays.copyOf(png, png.length - 30));
        byte[] garbage = Arrays.copyOf(jpg, jpg.length);
        Arrays.fill(garbage, 4, 3000, (byte) 0x00); // segments after the JPEG signature destroyed, end marker intact
        RejectedImageException e = assertThrows(RejectedImageException.class, () -> decoder.decode(garbage).close());
        assertTrue(e.reason() == RejectionReason.CORRUPT, e.reason() + ": " + e.getMessage());
    }

    /** A PNG whose header claims 100000 x 100000 pixels: refused from the header alone, nothing decoded. */
    @Test
    void decompressionBombIsRejectedBeforeDecoding() {
        byte[] bomb = pngHeaderOnly(100_000, 100_000);
        RejectedImageException e = assertThrows(RejectedImageException.class, () -> decoder.check(bomb));
        assertEquals(RejectionReason.TOO_LARGE, e.reason());
        assertTrue(e.getMessage().contains("100000x100000"), e.getMessage());
    }

    @Test
    void iccProfileSurvivesJpegAndPng() {
        byte[] withIcc = TestImages.bytes("person_gps_thumbnail.jpg");
        try (DecodedImage img = decoder.decode(withIcc)) {
            IccProfile icc = img.info().icc();
            assertTrue(icc != null && icc.size() > 100, "profile read from the input");
            byte[] jpgOut = encoder.encode(img, java.util.List.of()).bytes();
            assertArrayEquals(icc.data(), IccProfile.extract(jpgOut, ImageFormat.JPEG).data(), "JPEG keeps the profile");
            byte[] pngOut = icc.embedInto(TestImages.encode(img.pixels(), ".png"), ImageFormat.PNG);
            assertArrayEquals(icc.data(), IccProfile.extract(pngOut, ImageFormat.PNG).data(), "PNG keeps the profile");
            try (DecodedImage again = decoder.decode(pngOut)) {
                assertEquals(img.width(), again.width(), "PNG with iCCP still decodes");
            }
        }
    }

    private void assertReject(RejectionReason reason, String messagePart, byte[] bytes) {
        RejectedImageException e = assertThrows(RejectedImageException.class, () -> decoder.decode(bytes).close());
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    private static byte[] pngHeaderOnly(int w, int h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(out, "IHDR", new byte[] {(byte) (w >>> 24), (byte) (w >>> 16), (byte) (w >>> 8), (byte) w,
                (byte) (h >>> 24), (byte) (h >>> 16), (byte) (h >>> 8), (byte) h, 8, 2, 0, 0, 0});
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        int len = data.length;
        out.writeBytes(new byte[] {(byte) (len >>> 24), (byte) (len >>> 16), (byte) (len >>> 8), (byte) len});
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        int c = (int) crc.getValue();
        out.writeBytes(new byte[] {(byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c});
    }
}
