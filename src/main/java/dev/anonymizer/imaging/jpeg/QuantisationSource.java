package dev.anonymizer.imaging.jpeg;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where an output JPEG's quantisation tables came from. Stable codes (audit record {@code jpeg.quantisation}). */
public enum QuantisationSource {
    /** The source file's own tables: the same quality as the input. */
    SOURCE("source"),
    /** The source's tables could not be read; {@code anonymizer.output.jpeg-quality} chose them. */
    QUALITY_SETTING("quality-setting");

    private final String code;

    QuantisationSource(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }
}
