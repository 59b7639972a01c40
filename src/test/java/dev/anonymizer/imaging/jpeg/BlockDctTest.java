package dev.anonymizer.imaging.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The block DCT against its definition and its inverse; quantisation rounding. */
class BlockDctTest {

    @Test
    void forwardMatchesTheDefinitionAndInverseUndoesIt() {
        Random random = new Random(3);
        double[] s = new double[64];
        for (int i = 0; i < 64; i++) {
            s[i] = random.nextInt(256) - 128;
        }
        double[] f = new double[64];
        BlockDct.forward(s, f);
        for (int v = 0; v < 8; v++) {
            for (int u = 0; u < 8; u++) {
                double sum = 0;
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        sum += s[y * 8 + x] * Math.cos((2 * x + 1) * u * Math.PI / 16) * Math.cos((2 * y + 1) * v * Math.PI / 16);
                    }
                }
                double cu = u == 0 ? Math.sqrt(0.5) : 1;
                double cv = v == 0 ? Math.sqrt(0.5) : 1;
                assertEquals(0.25 * cu * cv * sum, f[v * 8 + u], 1e-9, "F(" + u + "," + v + ") per ITU T.81 A.3.3");
            }
        }
        double[] back = new double[64];
        BlockDct.inverse(f, back);
        for (int i = 0; i < 64; i++) {
            assertEquals(s[i], back[i], 1e-9);
        }
    }

    @Test
    void aFlatBlockHasOnlyItsDc() {
        double[] s = new double[64];
        java.util.Arrays.fill(s, 50);
        double[] f = new double[64];
        BlockDct.forward(s, f);
        assertEquals(400, f[0], 1e-9, "DC = 8 x the sample value");
        for (int i = 1; i < 64; i++) {
            assertEquals(0, f[i], 1e-9);
        }
    }

    @Test
    void quantisationRoundsHalfAwayFromZeroInZigzagOrder() {
        double[] f = new double[64];
        f[0] = 25; // / 10 = 2.5 -> 3
        f[1] = -25; // row 0, column 1: zig-zag 1 -> -3
        f[8] = 14.9; // row 1, column 0: zig-zag 2 -> 1
        int[] q = new int[64];
        java.util.Arrays.fill(q, 10);
        short[] zz = new short[64];
        BlockDct.quantise(f, q, zz);
        assertEquals(3, zz[0]);
        assertEquals(-3, zz[1]);
        assertEquals(1, zz[2]);
        assertEquals(0, zz[3]);
    }
}
