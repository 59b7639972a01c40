package dev.anonymizer.imaging;

/** The output settings' defaults for plain unit tests, with the JPEG block path on or off. */
public final class TestOutputConfig {

    /** The defaults ({@code anonymizer.output.*}). */
    public static final EncoderSettings DEFAULTS = withBlockPath(true);

    private TestOutputConfig() {
    }

    /** The defaults with the JPEG block path on or off. */
    public static EncoderSettings withBlockPath(boolean jpegLosslessOutside) {
        return new EncoderSettings(95, jpegLosslessOutside, 95, true, 64L << 20);
    }
}
