package dev.anonymizer.pipeline;

/** A box to censor that has no area or does not lie inside the image; the message says which. */
public class BoxOutsideImageException extends IllegalArgumentException {

    public BoxOutsideImageException(String message) {
        super(message);
    }
}
