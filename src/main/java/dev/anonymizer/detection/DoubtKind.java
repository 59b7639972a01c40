package dev.anonymizer.detection;

import java.util.Locale;

/**
 * Why the function is unsure about part of a photo: each kind is one rule a reader can check against the findings
 * (see {@link DoubtRules}). Stable codes: they appear in replies, audit records and metrics.
 */
public enum DoubtKind {
    /**
     * A vehicle whose plate zone (the lower part of its box, the part a closer look searches for plates) holds no text
     * or plate region.
     */
    VEHICLE_WITHOUT_PLATE,
    /** A face-like find scored just under the face threshold: in [min-score - face-band, min-score). */
    FACE_BELOW_THRESHOLD,
    /** A person whose head part (the upper part of its box a closer look searches for faces) holds no face. */
    PERSON_WITHOUT_FACE,
    /** An area the detector's budget did not let the search cover down to the wanted height. */
    SEARCH_UNCOVERED;

    /** The kebab-case code ({@code vehicle-without-plate}, ...). */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The kind with this code; {@link IllegalArgumentException} naming the codes for any other. */
    public static DoubtKind ofCode(String code) {
        for (DoubtKind k : values()) {
            if (k.code().equals(code.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown doubt kind '" + code + "'; known: "
                + java.util.Arrays.stream(values()).map(DoubtKind::code).toList());
    }
}
