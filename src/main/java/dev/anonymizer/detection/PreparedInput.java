package dev.anonymizer.detection;

import java.nio.FloatBuffer;

import dev.anonymizer.region.Box;

/**
 * An input tensor's values and shape, plus how model-input pixels map back to the source image:
 * {@code source = (input - pad) / scale}.
 */
public record PreparedInput(FloatBuffer values, long[] shape, int inputWidth, int inputHeight,
        double scaleX, double scaleY, double padX, double padY) {

    /** Maps a box in model-input pixels back to pixels of the image that was prepared. */
    public Box toSource(Box inInput) {
        return new Box((inInput.x1() - padX) / scaleX, (inInput.y1() - padY) / scaleY,
                (inInput.x2() - padX) / scaleX, (inInput.y2() - padY) / scaleY);
    }
}
