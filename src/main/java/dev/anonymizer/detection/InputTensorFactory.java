package dev.anonymizer.detection;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.extractChannel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;

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
        // a direct buffer in native order is handed to ONNX Runtime as it is: no heap array, no copy (a 4 MP pass
        // is 48 MB of floats)
        ByteBuffer bytes = ByteBuffer.allocateDirect(3 * plane * Float.BYTES).order(ByteOrder.nativeOrder());
        FloatBuffer out = bytes.asFloatBuffer();
        if (in.nchw()) {
            fillPlanes(bgr, g, in.shrinking(), bytes, srcChannel, mul, add, pad);
        } else {
            fillInterleaved(resized(bgr, g.drawW(), g.drawH(), in.shrinking()), g, out, srcChannel, mul, add, pad);
        }
        long[] shape = in.nchw() ? new long[] {1, 3, inH, inW} : new long[] {1, inH, inW, 3};
        return new PreparedInput(out, shape, inW, inH,
                (double) g.drawW() / bgr.cols(), (double) g.drawH() / bgr.rows(), g.offX(), g.offY());
    }

    /**
     * NCHW: each channel plane of the tensor is an OpenCV matrix over the direct buffer's own memory, filled with
     * the padding value and then, in the drawn part, with the resized channel scaled in one native pass
     * ({@code convertTo}): no Java loop over the pixels.
     */
    private static void fillPlanes(Mat bgr, Geometry g, ModelDescriptor.Shrink shrink, ByteBuffer bytes,
            int[] srcChannel, float[] mul, float[] add, double pad) {
        int inW = g.inW();
        int inH = g.inH();
        long planeBytes = (long) inW * inH * Float.BYTES;
        try (Mat drawn = resizedMat(bgr, g.drawW(), g.drawH(), shrink); BytePointer memory = new BytePointer(bytes);
                Mat channel = new Mat(); Rect roi = new Rect(g.offX(), g.offY(), g.drawW(), g.drawH())) {
            for (int c = 0; c < 3; c++) {
                try (BytePointer at = new BytePointer(memory).position(c * planeBytes);
                        Mat planeMat = new Mat(inH, inW, CV_32FC1, at);
                        Scalar padded = new Scalar(pad * mul[c] + add[c]);
                        Mat target = new Mat(planeMat, roi)) {
                    if (g.drawW() != inW || g.drawH() != inH) {
                        planeMat.put(padded);
                    }
                    extractChannel(drawn, channel, srcChannel[c]);
                    channel.convertTo(target, CV_32F, mul[c], add[c]);
                }
            }
        }
    }

    /** NHWC: one row at a time, channels interleaved. */
    private static void fillInterleaved(byte[] pixels, Geometry g, FloatBuffer out, int[] srcChannel, float[] mul,
            float[] add, double pad) {
        int inW = g.inW();
        float[] row = new float[3 * inW];
        for (int y = 0; y < g.inH(); y++) {
            boolean drawnRow = y >= g.offY() && y < g.offY() + g.drawH();
            int srcRow = (y - g.offY()) * g.drawW() * 3;
            for (int x = 0; x < inW; x++) {
                int sx = x - g.offX();
                boolean inside = drawnRow && sx >= 0 && sx < g.drawW();
                for (int c = 0; c < 3; c++) {
                    row[x * 3 + c] = inside ? (pixels[srcRow + sx * 3 + srcChannel[c]] & 0xFF) * mul[c] + add[c]
                            : (float) (pad * mul[c] + add[c]);
                }
            }
            out.put(y * inW * 3, row);
        }
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

    /** The image's BGR bytes at {@code w x h}. */
    private static byte[] resized(Mat bgr, int w, int h, ModelDescriptor.Shrink shrink) {
        byte[] pixels = new byte[w * h * 3];
        try (Mat m = resizedMat(bgr, w, h, shrink); Mat continuous = m.isContinuous() ? new Mat(m) : m.clone()) {
            continuous.data().get(pixels);
        }
        return pixels;
    }

    /**
     * The image at {@code w x h}; when the size already fits, a header sharing {@code bgr}'s pixels (no copy). The
     * caller closes it.
     */
    private static Mat resizedMat(Mat bgr, int w, int h, ModelDescriptor.Shrink shrink) {
        if (w == bgr.cols() && h == bgr.rows()) {
            return new Mat(bgr);
        }
        Mat resized = new Mat();
        try {
            ModelInputResize.resize(bgr, resized, w, h, shrink);
            return resized;
        } catch (RuntimeException e) {
            resized.close();
            throw e;
        }
    }
}
