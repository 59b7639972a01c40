package dev.anonymizer.detection;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.FloatBuffer;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Turns a BGR image into a model's input tensor as its descriptor says: resize mode (stretch, letterbox or
 * keep-ratio with a side limit), channel order, layout and normalisation {@code (pixel * scale - mean) / std}.
 */
public final class InputTensorFactory {

    private InputTensorFactory() {
    }

    /** Prepares {@code bgr} (CV_8UC3) for the model described by {@code d}. */
    public static PreparedInput prepare(Mat bgr, ModelDescriptor d) {
        return prepare(bgr, d, null);
    }

    /** As {@link #prepare(Mat, ModelDescriptor)}, with the long-side limit of dynamic-size models overridden. */
    public static PreparedInput prepare(Mat bgr, ModelDescriptor d, Integer maxSideOverride) {
        return prepare(bgr, d, maxSideOverride, 1.0);
    }

    /**
     * As {@link #prepare(Mat, ModelDescriptor, Integer)}; a dynamic-size model's input may also be enlarged up to
     * {@code maxUpscale} times (still within the long-side limit), to look at a small crop more closely.
     */
    public static PreparedInput prepare(Mat bgr, ModelDescriptor d, Integer maxSideOverride, double maxUpscale) {
        ModelDescriptor.Input in = d.input();
        int srcW = bgr.cols();
        int srcH = bgr.rows();
        int inW;
        int inH;
        int drawW;
        int drawH;
        String mode = in.resize() == null ? "stretch" : in.resize();
        if (in.fixedWidth() > 0 && in.fixedHeight() > 0) {
            inW = in.fixedWidth();
            inH = in.fixedHeight();
            if ("letterbox".equals(mode)) {
                double s = Math.min((double) inW / srcW, (double) inH / srcH);
                drawW = Math.max(1, (int) Math.round(srcW * s));
                drawH = Math.max(1, (int) Math.round(srcH * s));
            } else {
                drawW = inW;
                drawH = inH;
            }
        } else {
            int maxSide = maxSideOverride != null ? maxSideOverride
                    : in.maxSide() == null ? Math.max(srcW, srcH) : in.maxSide();
            int multiple = in.multipleOf() == null ? 1 : in.multipleOf();
            double s = Math.min(Math.max(1.0, maxUpscale), (double) maxSide / Math.max(srcW, srcH));
            drawW = Math.max(multiple, (int) Math.round(srcW * s / multiple) * multiple);
            drawH = Math.max(multiple, (int) Math.round(srcH * s / multiple) * multiple);
            inW = drawW;
            inH = drawH;
        }
        double padX = (inW - drawW) / 2.0;
        double padY = (inH - drawH) / 2.0;
        int offX = (int) Math.floor(padX);
        int offY = (int) Math.floor(padY);

        byte[] pixels = new byte[drawW * drawH * 3];
        if (drawW == srcW && drawH == srcH && bgr.isContinuous()) {
            bgr.data().get(pixels);
        } else {
            int interpolation = drawW < srcW ? INTER_AREA : INTER_LINEAR;
            try (Mat resized = new Mat(); Size size = new Size(drawW, drawH)) {
                resize(bgr, resized, size, 0, 0, interpolation);
                resized.data().get(pixels);
            }
        }

        float[] mul = new float[3];
        float[] add = new float[3];
        List<Double> mean = in.mean();
        List<Double> std = in.std();
        for (int c = 0; c < 3; c++) {
            mul[c] = (float) (in.scale() / std.get(c));
            add[c] = (float) (-mean.get(c) / std.get(c));
        }
        int[] srcChannel = in.rgb() ? new int[] {2, 1, 0} : new int[] {0, 1, 2};
        float[] padValue = new float[3];
        double pad = in.padValue() == null ? 0 : in.padValue();
        for (int c = 0; c < 3; c++) {
            padValue[c] = (float) (pad * mul[c] + add[c]);
        }

        float[] out = new float[3 * inW * inH];
        int plane = inW * inH;
        boolean nchw = in.nchw();
        if (drawW != inW || drawH != inH) {
            for (int i = 0; i < plane; i++) {
                for (int c = 0; c < 3; c++) {
                    out[nchw ? c * plane + i : i * 3 + c] = padValue[c];
                }
            }
        }
        for (int y = 0; y < drawH; y++) {
            int row = (y + offY) * inW + offX;
            int srcRow = y * drawW * 3;
            for (int x = 0; x < drawW; x++) {
                int p = srcRow + x * 3;
                int i = row + x;
                for (int c = 0; c < 3; c++) {
                    float v = (pixels[p + srcChannel[c]] & 0xFF) * mul[c] + add[c];
                    out[nchw ? c * plane + i : i * 3 + c] = v;
                }
            }
        }
        long[] shape = nchw ? new long[] {1, 3, inH, inW} : new long[] {1, inH, inW, 3};
        return new PreparedInput(FloatBuffer.wrap(out), shape, inW, inH,
                (double) drawW / srcW, (double) drawH / srcH, offX, offY);
    }
}
