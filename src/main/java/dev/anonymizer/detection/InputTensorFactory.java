package dev.anonymizer.detection;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Turns a BGR image into a model's input tensor as its descriptor says: how it is fitted into the input (stretch,
 * letterbox, or, for free-size models, the scale the search plan chose with padding to the size multiple), channel
 * order, layout and normalisation {@code (pixel * scale - mean) / std}.
 */
public final class InputTensorFactory {

    private InputTensorFactory() {
    }

    /**
     * Prepares {@code bgr} (CV_8UC3) for the model described by {@code d}. Free-size models see the image scaled by
     * {@code scale}; fixed-size models fit it into their input, whatever {@code scale} says.
     */
    public static PreparedInput prepare(Mat bgr, ModelDescriptor d, double scale) {
        Geometry g = geometry(bgr.cols(), bgr.rows(), d.input(), scale);
        byte[] pixels = resized(bgr, g.drawW(), g.drawH());
        ModelDescriptor.Input in = d.input();
        float[] mul = new float[3];
        float[] add = new float[3];
        List<Double> mean = in.mean();
        List<Double> std = in.std();
        for (int c = 0; c < 3; c++) {
            mul[c] = (float) (in.scale() / std.get(c));
            add[c] = (float) (-mean.get(c) / std.get(c));
        }
        int[] srcChannel = in.rgb() ? new int[] {2, 1, 0} : new int[] {0, 1, 2};
        double pad = in.padValue() == null ? 0 : in.padValue();
        int inW = g.inW();
        int inH = g.inH();
        int plane = inW * inH;
        boolean nchw = in.nchw();
        // a direct buffer in native order is handed to ONNX Runtime as it is: no heap array, no copy (a 4 MP pass
        // is 48 MB of floats); it is filled one row at a time
        FloatBuffer out = ByteBuffer.allocateDirect(3 * plane * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        float[] row = new float[nchw ? inW : 3 * inW];
        for (int y = 0; y < inH; y++) {
            boolean drawn = y >= g.offY() && y < g.offY() + g.drawH();
            int srcRow = (y - g.offY()) * g.drawW() * 3;
            if (nchw) {
                for (int c = 0; c < 3; c++) {
                    float padded = (float) (pad * mul[c] + add[c]);
                    for (int x = 0; x < inW; x++) {
                        int sx = x - g.offX();
                        row[x] = drawn && sx >= 0 && sx < g.drawW()
                                ? (pixels[srcRow + sx * 3 + srcChannel[c]] & 0xFF) * mul[c] + add[c] : padded;
                    }
                    out.put(c * plane + y * inW, row);
                }
            } else {
                for (int x = 0; x < inW; x++) {
                    int sx = x - g.offX();
                    boolean inside = drawn && sx >= 0 && sx < g.drawW();
                    for (int c = 0; c < 3; c++) {
                        row[x * 3 + c] = inside ? (pixels[srcRow + sx * 3 + srcChannel[c]] & 0xFF) * mul[c] + add[c]
                                : (float) (pad * mul[c] + add[c]);
                    }
                }
                out.put(y * inW * 3, row);
            }
        }
        long[] shape = nchw ? new long[] {1, 3, inH, inW} : new long[] {1, inH, inW, 3};
        return new PreparedInput(out, shape, inW, inH,
                (double) g.drawW() / bgr.cols(), (double) g.drawH() / bgr.rows(), g.offX(), g.offY());
    }

    /** Where the image lands in the input tensor: drawn size, offset, and the tensor's size. */
    record Geometry(int inW, int inH, int drawW, int drawH, int offX, int offY) {
    }

    /** The input geometry of a {@code srcW x srcH} image; pure arithmetic, so it is unit-tested on its own. */
    static Geometry geometry(int srcW, int srcH, ModelDescriptor.Input in, double scale) {
        ModelDescriptor.Resize mode = in.resize();
        if (mode == ModelDescriptor.Resize.FREE) {
            int multiple = in.multipleOf() == null ? 1 : in.multipleOf();
            int drawW = Math.max(1, (int) Math.round(srcW * scale));
            int drawH = Math.max(1, (int) Math.round(srcH * scale));
            return new Geometry(roundUp(drawW, multiple), roundUp(drawH, multiple), drawW, drawH, 0, 0);
        }
        int inW = in.fixedWidth();
        int inH = in.fixedHeight();
        if (mode == ModelDescriptor.Resize.STRETCH) {
            return new Geometry(inW, inH, inW, inH, 0, 0);
        }
        double s = Math.min((double) inW / srcW, (double) inH / srcH);
        int drawW = Math.max(1, Math.min(inW, (int) Math.round(srcW * s)));
        int drawH = Math.max(1, Math.min(inH, (int) Math.round(srcH * s)));
        if (mode == ModelDescriptor.Resize.LETTERBOX_TOP_LEFT) {
            return new Geometry(inW, inH, drawW, drawH, 0, 0);
        }
        return new Geometry(inW, inH, drawW, drawH, (inW - drawW) / 2, (inH - drawH) / 2);
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    /** The image's BGR bytes at {@code w x h}: copied as they are when the size already fits. */
    private static byte[] resized(Mat bgr, int w, int h) {
        byte[] pixels = new byte[w * h * 3];
        if (w == bgr.cols() && h == bgr.rows() && bgr.isContinuous()) {
            bgr.data().get(pixels);
            return pixels;
        }
        // area averaging when shrinking keeps small faces and characters from aliasing away
        int interpolation = w < bgr.cols() ? INTER_AREA : INTER_LINEAR;
        try (Mat resized = new Mat(); Size size = new Size(w, h)) {
            resize(bgr, resized, size, 0, 0, interpolation);
            resized.data().get(pixels);
        }
        return pixels;
    }
}
