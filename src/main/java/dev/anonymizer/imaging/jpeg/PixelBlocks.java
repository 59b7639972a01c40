package dev.anonymizer.imaging.jpeg;

import java.util.List;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;

import dev.anonymizer.imaging.Orientation;

/**
 * Turns pixels of an 8-bit BGR {@link Mat} into quantised DCT blocks of a frame: JFIF YCbCr conversion (full range,
 * ITU T.871), chroma downsampling by averaging per the sampling factors, level shift, forward DCT and quantisation
 * with the frame's own tables. The Mat holds the upright image; the frame is in the stored grid, and each stored
 * pixel is read where {@code orientation} puts it. Pixels past the image's right and bottom edge (in the last,
 * partial MCUs) repeat the edge, as encoders pad. Owns an indexer on the Mat: close it.
 */
final class PixelBlocks implements AutoCloseable {

    private static final double CENTRE = 128;
    private static final double KR = 0.299;
    private static final double KG = 0.587;
    private static final double KB = 0.114;
    private static final double CB_R = -0.168736;
    private static final double CB_G = -0.331264;
    private static final double CB_B = 0.5;
    private static final double CR_R = 0.5;
    private static final double CR_G = -0.418688;
    private static final double CR_B = -0.081312;
    private static final int B = 0;
    private static final int G = 1;
    private static final int R = 2;

    private final UByteIndexer pixels;
    private final Orientation orientation;
    private final FrameHeader frame;
    private final List<int[]> quant;
    private final int mcuWidth;
    private final int mcuHeight;
    /** Level-shifted Y, Cb, Cr (or Y alone) of the loaded MCU, full resolution, row-major. */
    private final double[][] planes;
    private final double[] samples = new double[Zigzag.BLOCK_SIZE];
    private final double[] coefficients = new double[Zigzag.BLOCK_SIZE];
    private int loadedX = -1;
    private int loadedY = -1;

    /**
     * @param bgr         upright pixels; {@code orientation} applied to the frame's stored grid gives its size
     * @param quant       per frame component, its quantisation table (zig-zag order)
     */
    PixelBlocks(Mat bgr, Orientation orientation, FrameHeader frame, List<int[]> quant) {
        this.pixels = bgr.createIndexer();
        this.orientation = orientation;
        this.frame = frame;
        this.quant = quant;
        this.mcuWidth = frame.mcuWidth();
        this.mcuHeight = frame.mcuHeight();
        this.planes = new double[frame.components().size()][mcuWidth * mcuHeight];
    }

    /** The quantised block {@code (bx, by)} of component {@code c}, in zig-zag order, into {@code out}. */
    void encode(int c, int bx, int by, short[] out) {
        FrameComponent fc = frame.components().get(c);
        int mx = bx / fc.h();
        int my = by / fc.v();
        load(mx, my);
        int rx = frame.ratioX(c);
        int ry = frame.ratioY(c);
        int ox = (bx - mx * fc.h()) * FrameHeader.BLOCK * rx;
        int oy = (by - my * fc.v()) * FrameHeader.BLOCK * ry;
        double[] plane = planes[c];
        double area = rx * ry;
        for (int sy = 0; sy < FrameHeader.BLOCK; sy++) {
            for (int sx = 0; sx < FrameHeader.BLOCK; sx++) {
                double sum = 0;
                int base = (oy + sy * ry) * mcuWidth + ox + sx * rx;
                for (int j = 0; j < ry; j++) {
                    for (int i = 0; i < rx; i++) {
                        sum += plane[base + j * mcuWidth + i];
                    }
                }
                samples[sy * FrameHeader.BLOCK + sx] = sum / area;
            }
        }
        BlockDct.forward(samples, coefficients);
        BlockDct.quantise(coefficients, quant.get(c), out);
    }

    private void load(int mx, int my) {
        if (mx == loadedX && my == loadedY) {
            return;
        }
        int w = frame.width();
        int h = frame.height();
        boolean grey = planes.length == 1;
        for (int y = 0; y < mcuHeight; y++) {
            int ys = Math.min(my * mcuHeight + y, h - 1);
            for (int x = 0; x < mcuWidth; x++) {
                int xs = Math.min(mx * mcuWidth + x, w - 1);
                int xu = orientation.uprightX(xs, ys, w, h);
                int yu = orientation.uprightY(xs, ys, w, h);
                int b = pixels.get(yu, xu, B);
                int g = pixels.get(yu, xu, G);
                int r = pixels.get(yu, xu, R);
                int i = y * mcuWidth + x;
                planes[0][i] = KR * r + KG * g + KB * b - CENTRE;
                if (!grey) {
                    planes[1][i] = CB_R * r + CB_G * g + CB_B * b; // + 128 offset and - 128 level shift cancel
                    planes[2][i] = CR_R * r + CR_G * g + CR_B * b;
                }
            }
        }
        loadedX = mx;
        loadedY = my;
    }

    @Override
    public void close() {
        pixels.close();
    }
}
