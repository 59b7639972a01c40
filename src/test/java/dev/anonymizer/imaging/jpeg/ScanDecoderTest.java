package dev.anonymizer.imaging.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import java.util.Arrays;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.anonymizer.support.TestImages;

/**
 * The coefficients this package decodes are the file's: their exact inverse DCT matches the luma libjpeg decodes
 * (through OpenCV) to within its integer rounding (under one grey level), on every kind of sequential file. Damaged data is an error,
 * never a guess.
 */
class ScanDecoderTest {

    @ParameterizedTest
    @ValueSource(strings = {"messi5.jpg", "messi5_grey.jpg", "messi5_422.jpg", "messi5_restart7.jpg",
            "messi5_multiscan.jpg", "dog.jpg", "person.jpg", "portrait_rotated_exif6.jpg"})
    void lumaFromTheDecodedCoefficientsMatchesLibjpeg(String name) throws Exception {
        byte[] jpeg = TestImages.bytes(name);
        double[][] y = Coefficients.read(jpeg).samples(0);
        double worst = 0;
        try (Mat luma = JpegImages.storedLuma(jpeg); UByteIndexer g = luma.createIndexer()) {
            for (int r = 0; r < luma.rows(); r++) {
                for (int c = 0; c < luma.cols(); c++) {
                    worst = Math.max(worst, Math.abs(g.get(r, c) - y[r][c]));
                }
            }
        }
        assertTrue(worst < 1.0, name + ": libjpeg's integer inverse DCT against the exact one differs by " + worst);
    }

    @Test
    void scanDataCutShortIsAnErrorEvenWithAnEndMarkerAppended() throws Exception {
        byte[] jpeg = TestImages.bytes("messi5.jpg");
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length / 2 + 2);
        cut[cut.length - 2] = (byte) 0xFF;
        cut[cut.length - 1] = (byte) 0xD9;
        ParsedJpeg parsed = JpegParser.parse(cut); // the markers are fine
        UnsupportedJpegException e = assertThrows(UnsupportedJpegException.class, () -> ScanDecoder.decode(cut,
                parsed.frame(), parsed.scans().get(0), (c, bx, by, zz) -> { }));
        assertEquals(FallbackReason.UNREADABLE, e.reason());
    }

    @Test
    void aLostRestartMarkerIsAnError() throws Exception {
        byte[] jpeg = TestImages.bytes("messi5_restart7.jpg").clone();
        ParsedJpeg parsed = JpegParser.parse(jpeg);
        ScanHeader scan = parsed.scans().get(0);
        for (int i = scan.dataStart(); i + 1 < scan.dataEnd(); i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xD3) {
                jpeg[i + 1] = (byte) 0xD5; // RST3 becomes RST5: a marker lost in between
                break;
            }
        }
        UnsupportedJpegException e = assertThrows(UnsupportedJpegException.class,
                () -> ScanDecoder.decode(jpeg, parsed.frame(), scan, (c, bx, by, zz) -> { }));
        assertEquals(FallbackReason.UNREADABLE, e.reason());
    }
}
