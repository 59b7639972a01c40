package dev.anonymizer.imaging.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** Optimal Huffman tables, and bits written by {@link EntropyWriter} read back by {@link EntropyReader}. */
class HuffmanCodingTest {

    @Test
    void optimalTablesAreValidAtMostSixteenBitsAndNeverUseTheAllOnesCode() throws Exception {
        Random random = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            long[] freq = new long[256];
            int used = 1 + random.nextInt(256);
            for (int i = 0; i < used; i++) {
                // skewed like real coefficient statistics, including very rare symbols that want codes > 16 bits
                freq[random.nextInt(256)] += 1 + (long) Math.pow(2, random.nextInt(30));
            }
            HuffmanTable t = OptimalHuffman.build(freq);
            int[][] codes = t.codesBySymbol();
            double kraft = 0;
            for (int s = 0; s < 256; s++) {
                assertEquals(freq[s] > 0, codes[1][s] > 0, "symbol " + s + " has a code exactly when it was seen");
                assertTrue(codes[1][s] <= 16, "code length " + codes[1][s]);
                if (codes[1][s] > 0) {
                    kraft += Math.pow(2, -codes[1][s]);
                    assertTrue(codes[0][s] != (1 << codes[1][s]) - 1, "all-ones code used by symbol " + s);
                }
            }
            assertTrue(kraft < 1.0, "one code is left unused (the all-ones one): " + kraft);
        }
    }

    @Test
    void optimalTableCodesFrequentSymbolsShorter() {
        long[] freq = new long[256];
        freq[0x00] = 1000;
        freq[0x01] = 500;
        freq[0x11] = 10;
        freq[0xF0] = 1;
        int[][] codes = OptimalHuffman.build(freq).codesBySymbol();
        assertTrue(codes[1][0x00] <= codes[1][0x01] && codes[1][0x01] <= codes[1][0x11]
                && codes[1][0x11] <= codes[1][0xF0]);
        assertEquals(1, codes[1][0x00]);
    }

    @Test
    void bitsRoundTripThroughByteStuffingAndRestartMarkers() throws Exception {
        Random random = new Random(11);
        long[] freq = new long[256];
        for (int s = 0; s < 256; s++) {
            freq[s] = 1 + random.nextInt(1000);
        }
        HuffmanTable table = OptimalHuffman.build(freq);
        int[][] codes = table.codesBySymbol();
        int[] symbols = new int[5000];
        int[] extras = new int[symbols.length];
        ByteSink sink = new ByteSink(16);
        EntropyWriter w = new EntropyWriter(sink);
        int interval = 700;
        for (int i = 0; i < symbols.length; i++) {
            if (i > 0 && i % interval == 0) {
                w.marker(JpegParser.RST0 + (i / interval - 1) % 8);
            }
            symbols[i] = random.nextInt(256);
            int size = symbols[i] & 0x0F;
            extras[i] = size == 0 ? 0 : random.nextInt(1 << size);
            w.write(codes[0][symbols[i]], codes[1][symbols[i]]);
            w.write(extras[i], size);
        }
        w.flush();
        byte[] data = sink.toByteArray();
        boolean stuffed = false;
        for (int i = 0; i + 1 < data.length; i++) {
            if ((data[i] & 0xFF) == 0xFF) {
                int next = data[i + 1] & 0xFF;
                assertTrue(next == 0 || (next >= 0xD0 && next <= 0xD7), "0xFF followed by " + next);
                stuffed |= next == 0;
            }
        }
        assertTrue(stuffed, "the data holds 0xFF bytes, stuffed");

        EntropyReader r = new EntropyReader(data, 0, data.length);
        HuffmanDecoder d = new HuffmanDecoder(table);
        for (int i = 0; i < symbols.length; i++) {
            if (i > 0 && i % interval == 0) {
                r.restart(i / interval - 1);
            }
            assertEquals(symbols[i], d.decode(r), "symbol " + i);
            assertEquals(extras[i], r.receive(symbols[i] & 0x0F), "extra bits " + i);
        }
        r.checkNotOverrun();
        // and reading one more symbol runs into the end
        assertThrows(UnsupportedJpegException.class, () -> {
            for (int i = 0; i < 4; i++) {
                d.decode(r);
            }
            r.checkNotOverrun();
        });
    }

    @Test
    void aMissingRestartMarkerIsAnError() throws Exception {
        EntropyReader r = new EntropyReader(new byte[] {(byte) 0xAB, (byte) 0xFF, (byte) 0xD3}, 0, 3);
        r.receive(8);
        UnsupportedJpegException e = assertThrows(UnsupportedJpegException.class, () -> r.restart(0));
        assertEquals(FallbackReason.UNREADABLE, e.reason());
    }

    @Test
    void canonicalCodesFollowTheCountsInOrder() throws Exception {
        // two codes of length 2, one of length 3: 00, 01, 100
        HuffmanTable t = new HuffmanTable(new int[] {0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, new int[] {5, 9, 2});
        int[][] codes = t.codesBySymbol();
        assertArrayEquals(new int[] {0b00, 0b01, 0b100}, new int[] {codes[0][5], codes[0][9], codes[0][2]});
        assertArrayEquals(new int[] {2, 2, 3}, new int[] {codes[1][5], codes[1][9], codes[1][2]});
        assertThrows(UnsupportedJpegException.class,
                () -> new HuffmanTable(new int[] {3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, new int[] {1, 2, 3}),
                "three codes of one bit cannot exist");
    }
}
