package dev.anonymizer.region;

/** The kinds of personal data (or their carriers) the function looks for. */
public enum Category {
    FACE,
    /** Licence plates, documents, stickers: any text. */
    TEXT,
    /** A licence plate's frame, found in the image around a line of text (its characters). */
    PLATE,
    PERSON,
    VEHICLE;

    /** Lower-case name used in events, audit records and metrics. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
