package dev.anonymizer.imaging.jpeg;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a censored JPEG was written. Stable codes: they appear in the audit record ({@code jpeg.path}). */
public enum JpegPath {
    /** Only the blocks the censored regions reach were re-encoded; every other block is the source's, unchanged. */
    BLOCKS("blocks"),
    /** The whole image was encoded again from the censored pixels. */
    RE_ENCODED("re-encoded");

    private final String code;

    JpegPath(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }
}
