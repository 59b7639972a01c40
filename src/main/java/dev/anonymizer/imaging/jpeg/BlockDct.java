package dev.anonymizer.imaging.jpeg;

/**
 * The 8x8 two-dimensional DCT of JPEG (ITU T.81 A.3.3), computed exactly in double precision as two passes of
 * the 8-point transform, and quantisation with a file's own table. The forward transform is what encoding a block
 * needs; the inverse lets tests check one against the other and against a decoder.
 */
final class BlockDct {

    private static final int N = 8;
    /** {@code Ck = cos(k pi / 16) / 2}, and C4 also the DC weight C(0) / 2 = sqrt(1/2) / 2. */
    private static final double C1 = Math.cos(Math.PI / 16) / 2;
    private static final double C2 = Math.cos(2 * Math.PI / 16) / 2;
    private static final double C3 = Math.cos(3 * Math.PI / 16) / 2;
    private static final double C4 = Math.cos(4 * Math.PI / 16) / 2;
    private static final double C5 = Math.cos(5 * Math.PI / 16) / 2;
    private static final double C6 = Math.cos(6 * Math.PI / 16) / 2;
    private static final double C7 = Math.cos(7 * Math.PI / 16) / 2;
    /** {@code BASIS[u * 8 + x] = C(u) / 2 * cos((2x + 1) u pi / 16)}: orthonormal, so the inverse is its transpose. */
    private static final double[] BASIS = new double[N * N];

    static {
        for (int u = 0; u < N; u++) {
            double c = u == 0 ? Math.sqrt(0.5) : 1.0;
            for (int x = 0; x < N; x++) {
                BASIS[u * N + x] = c / 2 * Math.cos((2 * x + 1) * u * Math.PI / (2 * N));
            }
        }
    }

    private BlockDct() {
    }

    /**
     * Forward DCT: {@code samples} (64, row-major, already level-shifted to be centred on 0) into {@code out}
     * (64 coefficients, row-major: {@code out[v * 8 + u]}, u across). Each 8-point pass folds the input first (the
     * basis is symmetric for even u and antisymmetric for odd u), which leaves 22 multiplications instead of 64.
     */
    static void forward(double[] samples, double[] out) {
        double[] tmp = new double[N * N];
        for (int y = 0; y < N; y++) {
            pass(samples, y * N, 1, tmp, y * N, 1);
        }
        for (int u = 0; u < N; u++) {
            pass(tmp, u, N, out, u, N);
        }
    }

    /** One 8-point DCT of {@code in[from + i * step]} into {@code out[to + u * stride]}. */
    private static void pass(double[] in, int from, int step, double[] out, int to, int stride) {
        double s0 = in[from];
        double s1 = in[from + step];
        double s2 = in[from + 2 * step];
        double s3 = in[from + 3 * step];
        double s4 = in[from + 4 * step];
        double s5 = in[from + 5 * step];
        double s6 = in[from + 6 * step];
        double s7 = in[from + 7 * step];
        double a0 = s0 + s7;
        double a1 = s1 + s6;
        double a2 = s2 + s5;
        double a3 = s3 + s4;
        double d0 = s0 - s7;
        double d1 = s1 - s6;
        double d2 = s2 - s5;
        double d3 = s3 - s4;
        // even coefficients fold once more: a0 +- a3, a1 +- a2
        double e0 = a0 + a3;
        double e1 = a1 + a2;
        double f0 = a0 - a3;
        double f1 = a1 - a2;
        out[to] = C4 * (e0 + e1);
        out[to + 2 * stride] = C2 * f0 + C6 * f1;
        out[to + 4 * stride] = C4 * (e0 - e1);
        out[to + 6 * stride] = C6 * f0 - C2 * f1;
        out[to + stride] = C1 * d0 + C3 * d1 + C5 * d2 + C7 * d3;
        out[to + 3 * stride] = C3 * d0 - C7 * d1 - C1 * d2 - C5 * d3;
        out[to + 5 * stride] = C5 * d0 - C1 * d1 + C7 * d2 + C3 * d3;
        out[to + 7 * stride] = C7 * d0 - C5 * d1 + C3 * d2 - C1 * d3;
    }

    /** Inverse DCT: {@code coefficients} (row-major) into level-shifted samples (row-major). */
    static void inverse(double[] coefficients, double[] out) {
        double[] tmp = new double[N * N];
        for (int v = 0; v < N; v++) {
            for (int x = 0; x < N; x++) {
                double sum = 0;
                for (int u = 0; u < N; u++) {
                    sum += BASIS[u * N + x] * coefficients[v * N + u];
                }
                tmp[v * N + x] = sum;
            }
        }
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                double sum = 0;
                for (int v = 0; v < N; v++) {
                    sum += BASIS[v * N + y] * tmp[v * N + x];
                }
                out[y * N + x] = sum;
            }
        }
    }

    /**
     * Quantises row-major {@code coefficients} with {@code table} (zig-zag order, as DQT stores it) into
     * {@code zigzag}, rounding half away from zero as libjpeg does.
     */
    static void quantise(double[] coefficients, int[] table, short[] zigzag) {
        for (int k = 0; k < Zigzag.BLOCK_SIZE; k++) {
            double q = coefficients[Zigzag.natural(k)] / table[k];
            zigzag[k] = (short) (q >= 0 ? (int) (q + 0.5) : -(int) (-q + 0.5));
        }
    }

    /** De-quantises {@code zigzag} with {@code table} into row-major coefficients. */
    static void dequantise(short[] zigzag, int[] table, double[] coefficients) {
        for (int k = 0; k < Zigzag.BLOCK_SIZE; k++) {
            coefficients[Zigzag.natural(k)] = zigzag[k] * (double) table[k];
        }
    }
}
