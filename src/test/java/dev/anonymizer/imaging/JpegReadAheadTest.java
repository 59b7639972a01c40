package dev.anonymizer.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.anonymizer.imaging.jpeg.JpegSource;
import dev.anonymizer.region.Box;
import dev.anonymizer.support.TestImages;

/**
 * Reading a JPEG's source ahead: whichever thread comes first reads it, once; the copy is the same byte for byte as
 * one encoded without reading ahead; a failure reaches the encoding thread as it was thrown.
 */
class JpegReadAheadTest {

    private final ImageDecoder decoder = new ImageDecoder(ImageDecoderTest.LIMITS);

    @Test
    void theCopyIsTheSameWithTheSourceReadAheadOnTheEncodersThread() throws Exception {
        try (ImageEncoder encoder = new ImageEncoder(TestOutputConfig.DEFAULTS);
                DecodedImage image = decoder.decode(TestImages.bytes("dog.jpg"));
                JpegReadAhead ahead = encoder.readAhead(image)) {
            long until = System.nanoTime() + 10_000_000_000L;
            while (!ahead.done() && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertTrue(ahead.done(), "the encoder's thread read it before the encoding thread asked");
            assertTrue(ahead.source().holdsScans(), "a baseline JPEG's coefficients are held");
            List<Box> censored = List.of(new Box(100, 200, 260, 330));

            EncodedImage withReadAhead = encoder.encode(image, censored, ahead);
            EncodedImage without = encoder.encode(image, censored);

            assertEquals("blocks", withReadAhead.jpeg().path().code());
            assertArrayEquals(without.bytes(), withReadAhead.bytes());
        }
    }

    @Test
    void theFirstThreadReadsOnceAndTheOtherTakesItsResult() {
        AtomicInteger reads = new AtomicInteger();
        JpegSource source = JpegSource.parse(new byte[] {1, 2});
        JpegReadAhead ahead = new JpegReadAhead(() -> {
            reads.incrementAndGet();
            return source;
        });
        assertSame(source, ahead.source(), "read by the asking thread: nobody had started");
        ahead.readUnlessStarted();
        assertSame(source, ahead.source());
        assertEquals(1, reads.get(), "read once");
    }

    @Test
    void closedBeforeItStartedItNeverReads() {
        AtomicInteger reads = new AtomicInteger();
        JpegReadAhead ahead = new JpegReadAhead(() -> {
            reads.incrementAndGet();
            return JpegSource.parse(new byte[0]);
        });
        ahead.close();
        ahead.readUnlessStarted();
        assertEquals(0, reads.get(), "the image was done: the encoder's thread skips it");
        assertThrows(IllegalStateException.class, ahead::source, "and nobody waits for it");
    }

    @Test
    void aFailureOfTheReadReachesTheEncodingThreadAsThrown() {
        JpegReadAhead ahead = new JpegReadAhead(() -> {
            throw new IllegalArgumentException("broken");
        });
        ahead.readUnlessStarted();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ahead::source);
        assertEquals("broken", e.getMessage());
    }
}
