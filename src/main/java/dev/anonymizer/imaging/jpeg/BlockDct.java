package dev.anonymizer.imaging.jpeg;

/**
 * The 8x8 two-dimensional DCT of JPEG (ITU T.81 A.3.3), computed exactly in double precision as two passes of
 * the 8-point transform, and quantisation with a file's own table. The forward transform is what encoding a block
 * needs; the inverse lets tests check one against the other and against a decoder.
 */
public final class BlockDct {

    private static final int N = 8;
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
     * (64 coefficients, row-major: {@code out[v * 8 + u]}, u across).
     */
    public static void forward(double[] samples, double[] out) {
        double[] tmp = new double[N * N];
        // rows: tmp[y][u] = sum_x BASIS[u][x] * s[y][x]
        for (int y = 0; y < N; y++) {
            for (int u = 0; u < N; u++) {
                double sum = 0;
                for (int x = 0; x < N; x++) {
                    sum += BASIS[u * N + x] * samples[y * N + x];
                }
                tmp[y * N + u] = sum;
            }
        }
        // columns: out[v][u] = sum_y BASIS[v][y] * tmp[y][u]
        for (int v = 0; v < N; v++) {
            for (int u = 0; u < N; u++) {
                double sum = 0;
                for (int y = 0; y < N; y++) {
                    sum += BASIS[v * N + y] * tmp[y * N + u];
                }
                out[v * N + u] = sum;
            }
        }
    }

    /** Inverse DCT: {@code coefficients} (row-major) into level-shifted samples (row-major). */
    public static void inverse(double[] coefficients, double[] out) {
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
    public static void quantise(double[] coefficients, int[] table, short[] zigzag) {
        for (int k = 0; k < Zigzag.BLOCK_SIZE; k++) {
            double q = coefficients[Zigzag.natural(k)] / table[k];
            zigzag[k] = (short) (q >= 0 ? (int) (q + 0.5) : -(int) (-q + 0.5));
        }
    }

    /** De-quantises {@code zigzag} with {@code table} into row-major coefficients. */
    public static void dequantise(short[] zigzag, int[] table, double[] coefficients) {
        for (int k = 0; k < Zigzag.BLOCK_SIZE; k++) {
            coefficients[Zigzag.natural(k)] = zigzag[k] * (double) table[k];
        }
    }
}
