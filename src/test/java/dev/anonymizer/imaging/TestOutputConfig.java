package dev.anonymizer.imaging;

import java.util.Optional;

import dev.anonymizer.config.OutputConfig;

/** The output settings' defaults for plain unit tests, with the JPEG block path on or off. */
public record TestOutputConfig(boolean jpegLosslessOutside) implements OutputConfig {

    /** The defaults. */
    public static final TestOutputConfig DEFAULTS = new TestOutputConfig(true);

    @Override
    public Optional<String> bucket() {
        return Optional.empty();
    }

    @Override
    public Optional<String> bucketSuffix() {
        return Optional.of("-anonymized");
    }

    @Override
    public Optional<String> keyPrefix() {
        return Optional.empty();
    }

    @Override
    public int jpegQuality() {
        return 95;
    }

    @Override
    public int webpQuality() {
        return 95;
    }

    @Override
    public boolean keepIccProfile() {
        return true;
    }
}
